import { ShopSettings } from '../../../shared/shop';
import { nowIso } from '../lib/ids';
import { collectGaps } from './gaps';

const DAY_MS = 86_400_000;
/** Days recomputed by every run: CSAT and resolutions arrive late and land in their own day. */
export const RECOMPUTE_DAYS = 7;
/** Rollups are counters without personal data, kept this long whatever the shop's retentionDays. */
export const ROLLUP_KEEP_DAYS = 90;

/** Ticket sources as the metrics name them (the handoff "source" of issue 19). */
const SOURCE_NAMES: Record<string, string> = { policy_gate: 'gate', promise_guard: 'guard', model: 'model', failure: 'failure', shopper: 'shopper' };

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone; UTC when the zone is unknown. */
export function localDay(at: Date | string, timeZone: string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

/** The last `n` local days ending with the day `now` falls on, oldest first. */
export function lastLocalDays(now: Date, timeZone: string, n: number): string[] {
  const today = localDay(now, timeZone);
  const days: string[] = [];
  // Walk back in UTC calendar days from today's date: local dates are consecutive calendar dates.
  const base = Date.parse(`${today}T12:00:00Z`);
  for (let i = n - 1; i >= 0; i--) days.push(new Date(base - i * DAY_MS).toISOString().slice(0, 10));
  return days;
}

interface TurnRow {
  created_at: string;
  conversation_id: string | null;
  answer_class: string | null;
  engine: string | null;
  fallback: string | null;
  tokens: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  blocked: number | null;
  ticket_id: string | null;
  latency_ms: number | null;
  delivery: string | null;
}

interface TicketRow {
  created_at: string;
  category: string;
  source: string | null;
}

export type DayMetrics = Record<string, number>;

const bump = (m: DayMetrics, key: string, by = 1) => {
  if (by) m[key] = (m[key] ?? 0) + by;
};

/** Metrics that always get a row for a recomputed day (zeros included), so a quiet day shows as 0. */
export const BASE_METRICS = ['conversations', 'turns', 'answered_without_person', 'handoffs', 'blocked_promises', 'fallbacks', 'tokens'] as const;

/**
 * Counts one shop's raw rows into metrics per local day. Reads from the turn audit records
 * (edge/src/chat/pipeline.ts writes one per turn) and from tickets (their category and source).
 */
export async function countShopDays(db: D1Database, shopId: string, timeZone: string, days: string[]): Promise<Map<string, DayMetrics>> {
  const out = new Map<string, DayMetrics>(days.map((d) => [d, Object.fromEntries(BASE_METRICS.map((k) => [k, 0]))]));
  const conversations = new Map<string, Set<string>>(days.map((d) => [d, new Set()]));
  // A UTC window wide enough to hold every local day of the list (time zones span -12h..+14h).
  const from = new Date(Date.parse(`${days[0]}T00:00:00Z`) - DAY_MS).toISOString();
  const to = new Date(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + 2 * DAY_MS).toISOString();

  const turns = await db
    .prepare(
      `SELECT created_at, conversation_id,
         json_extract(data, '$.answerClass') AS answer_class,
         json_extract(data, '$.engine') AS engine,
         json_extract(data, '$.fallbackReason') AS fallback,
         json_extract(data, '$.usage.totalTokens') AS tokens,
         json_extract(data, '$.usage.inputTokens') AS input_tokens,
         json_extract(data, '$.usage.outputTokens') AS output_tokens,
         json_array_length(data, '$.blockedPromises') AS blocked,
         json_extract(data, '$.ticketId') AS ticket_id,
         json_extract(data, '$.latencyMs') AS latency_ms,
         json_extract(data, '$.delivery') AS delivery
       FROM audit_events WHERE shop_id = ? AND kind = 'turn' AND created_at >= ? AND created_at < ?`,
    )
    .bind(shopId, from, to)
    .all<TurnRow>();
  for (const t of turns.results) {
    const m = out.get(localDay(t.created_at, timeZone));
    if (!m) continue;
    if (t.conversation_id) conversations.get(localDay(t.created_at, timeZone))!.add(t.conversation_id);
    bump(m, 'turns');
    const handedOff = t.answer_class === 'handoff' || t.ticket_id !== null;
    // A reply held for approval (assisted mode) was answered with a person.
    if (t.delivery === 'hold') bump(m, 'assisted_held');
    else if (!handedOff) bump(m, 'answered_without_person');
    bump(m, `answer_class:${t.answer_class ?? 'other'}`);
    bump(m, `engine:${t.engine ?? 'offline'}`);
    bump(m, 'blocked_promises', t.blocked ?? 0);
    if (t.fallback) {
      bump(m, 'fallbacks');
      bump(m, `fallback:${t.fallback}`);
    }
    bump(m, 'tokens', t.tokens ?? 0);
    bump(m, 'tokens_input', t.input_tokens ?? 0);
    bump(m, 'tokens_output', t.output_tokens ?? 0);
    bump(m, 'reply_ms_total', Math.max(0, Math.round(t.latency_ms ?? 0)));
  }
  for (const [day, set] of conversations) out.get(day)!.conversations = set.size;

  const tickets = await db
    .prepare(`SELECT created_at, category, json_extract(data, '$.source') AS source FROM tickets WHERE shop_id = ? AND created_at >= ? AND created_at < ?`)
    .bind(shopId, from, to)
    .all<TicketRow>();
  for (const t of tickets.results) {
    const m = out.get(localDay(t.created_at, timeZone));
    if (!m) continue;
    bump(m, 'handoffs');
    bump(m, `handoff_category:${t.category}`);
    bump(m, `handoff_source:${SOURCE_NAMES[t.source ?? ''] ?? 'other'}`);
  }

  // First human response and resolution times (the agent workspace's tickets.first_response_at
  // and tickets.resolved_at, 0007): counted on the ticket's creation day, when the columns exist.
  const timing = await db
    .prepare("SELECT name FROM pragma_table_info('tickets') WHERE name IN ('first_response_at', 'resolved_at')")
    .all<{ name: string }>();
  const has = new Set(timing.results.map((r) => r.name));
  if (has.size === 2) {
    const rows = await db
      .prepare('SELECT created_at, first_response_at, resolved_at FROM tickets WHERE shop_id = ? AND created_at >= ? AND created_at < ? AND (first_response_at IS NOT NULL OR resolved_at IS NOT NULL)')
      .bind(shopId, from, to)
      .all<{ created_at: string; first_response_at: string | null; resolved_at: string | null }>();
    for (const r of rows.results) {
      const m = out.get(localDay(r.created_at, timeZone));
      if (!m) continue;
      const created = Date.parse(r.created_at);
      if (r.first_response_at) {
        bump(m, 'first_response_count');
        bump(m, 'first_response_ms_total', Math.max(0, Date.parse(r.first_response_at) - created));
      }
      if (r.resolved_at) {
        bump(m, 'resolved_count');
        bump(m, 'resolve_ms_total', Math.max(0, Date.parse(r.resolved_at) - created));
      }
    }
  }

  // CSAT (added by the agent workspace, 0007): counted when its table exists.
  const csat = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'csat_ratings'").first();
  if (csat) {
    const rows = await db
      .prepare('SELECT created_at, rating FROM csat_ratings WHERE shop_id = ? AND created_at >= ? AND created_at < ?')
      .bind(shopId, from, to)
      .all<{ created_at: string; rating: number }>();
    for (const r of rows.results) {
      const m = out.get(localDay(r.created_at, timeZone));
      if (!m) continue;
      bump(m, 'csat_count');
      bump(m, 'csat_sum', r.rating);
    }
  }

  // Assisted mode (0011): drafts decided that day, by how. "Share modified" is edited / (approved + edited).
  const drafts = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'assisted_drafts'").first();
  if (drafts) {
    const rows = await db
      .prepare("SELECT decided_at, status FROM assisted_drafts WHERE shop_id = ? AND status != 'pending' AND decided_at >= ? AND decided_at < ?")
      .bind(shopId, from, to)
      .all<{ decided_at: string; status: string }>();
    for (const r of rows.results) {
      const m = out.get(localDay(r.decided_at, timeZone));
      if (m) bump(m, `assisted_${r.status}`);
    }
  }
  return out;
}

export interface RollupReport {
  shopId: string;
  days: string[];
  /** Rows written to metric_rollups by this run (unchanged values are not rewritten). */
  rowsWritten: number;
  /** Rollup rows older than ROLLUP_KEEP_DAYS removed. */
  expired: number;
  /** Knowledge gap rows added (one per unanswered turn, never twice). */
  gapsWritten: number;
}

/**
 * One shop's rollup: recomputes the last RECOMPUTE_DAYS local days with one upsert per day and
 * metric. An upsert whose value did not change writes nothing, so a second run writes 0 rows.
 * Days whose raw rows retention may already have removed are not recomputed (their rollup stays).
 */
export async function rollupShop(db: D1Database, shopId: string, timeZone: string, retentionDays: number, now: Date): Promise<RollupReport> {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const days = lastLocalDays(now, timeZone, RECOMPUTE_DAYS).filter((d) => Date.parse(`${d}T00:00:00Z`) - DAY_MS >= cutoff);
  const at = nowIso();
  let rowsWritten = 0;
  if (days.length > 0) {
    const counted = await countShopDays(db, shopId, timeZone, days);
    const statements: D1PreparedStatement[] = [];
    for (const [day, metrics] of counted) {
      const names = Object.keys(metrics);
      for (const name of names) {
        statements.push(
          db
            .prepare(
              `INSERT INTO metric_rollups (shop_id, day, metric, value, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (shop_id, day, metric) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
               WHERE metric_rollups.value != excluded.value`,
            )
            .bind(shopId, day, name, metrics[name], at),
        );
      }
      // A metric that no longer occurs that day (e.g. a ticket re-filed) must not keep its old count.
      statements.push(
        db
          .prepare(`DELETE FROM metric_rollups WHERE shop_id = ? AND day = ? AND metric NOT IN (SELECT value FROM json_each(?))`)
          .bind(shopId, day, JSON.stringify(names)),
      );
    }
    for (let i = 0; i < statements.length; i += 50) {
      const results = await db.batch(statements.slice(i, i + 50));
      rowsWritten += results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    }
  }
  const oldest = new Date(now.getTime() - ROLLUP_KEEP_DAYS * DAY_MS).toISOString().slice(0, 10);
  const expired = (await db.prepare('DELETE FROM metric_rollups WHERE shop_id = ? AND day < ?').bind(shopId, oldest).run()).meta.changes ?? 0;
  const gapsFrom = new Date(Math.max(now.getTime() - (RECOMPUTE_DAYS + 1) * DAY_MS, cutoff)).toISOString();
  const gapsWritten = await collectGaps(db, shopId, gapsFrom);
  return { shopId, days, rowsWritten, expired, gapsWritten };
}

/**
 * The daily rollup (run by the retention cron, BEFORE retention deletes raw rows): every shop,
 * in its own time zone. Logs the rows written, which count against D1's daily write allowance.
 */
export async function runRollup(env: Pick<Env, 'DB'>, now = new Date()): Promise<RollupReport[]> {
  const { results } = await env.DB.prepare('SELECT id, settings FROM shops ORDER BY id').all<{ id: string; settings: string }>();
  const reports: RollupReport[] = [];
  for (const shop of results) {
    try {
      const settings = ShopSettings.parse(JSON.parse(shop.settings));
      reports.push(await rollupShop(env.DB, shop.id, settings.support.timeZone, settings.retentionDays, now));
    } catch (err) {
      console.error('metrics rollup failed for shop', shop.id, (err as Error).message);
    }
  }
  const rows = reports.reduce((n, r) => n + r.rowsWritten, 0);
  const gaps = reports.reduce((n, r) => n + r.gapsWritten, 0);
  console.log(`metrics rollup: ${reports.length} shops, ${rows} rows written, ${gaps} knowledge gaps added`);
  return reports;
}
