import { ShopSettings } from '../../../shared/shop';

/** Rows deleted per statement: keeps each D1 query short so the cron never holds the database long. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

export interface RetentionReport {
  shopId: string;
  retentionDays: number;
  cutoff: string;
  conversations: number;
  messages: number;
  auditRecords: number;
  /** Webhook delivery attempts, finished outbox events and order-webhook receipts. */
  deliveryLog: number;
  /** Added in v1.1: mail outbox rows sent or given up, and expired people sessions. */
  mail: number;
  sessions: number;
  /** Added in v1.1: expired guest order grants, old one-time codes and attempt counters. */
  guestAccess: number;
  /** Added in v1.1: test question runs (their replies may quote order data). Metric rollups are not touched. */
  testRuns: number;
  /** Added in v1.1: knowledge gap rows (redacted shopper questions). */
  gaps: number;
  /** Added in v1.1 (agent workspace): notes, notices and expired live tickets deleted, CSAT comments removed. */
  agentWork: number;
}

/** Deletes up to CHUNK matching rows per statement until none are left; returns how many went. */
async function deleteInChunks(db: D1Database, table: string, where: string, args: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db
      .prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ${CHUNK})`)
      .bind(...args)
      .run();
    const n = res.meta.changes ?? 0;
    total += n;
    if (n < CHUNK) return total;
  }
}

/** Applies one shop's retention: messages and audit records by age, conversations by last activity. */
export async function applyRetention(db: D1Database, shopId: string, retentionDays: number, now: Date): Promise<RetentionReport> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  // Messages first: a conversation still in use loses only its old messages; one idle past the
  // cutoff has no message left after this and goes next.
  const messages = await deleteInChunks(db, 'messages', 'shop_id = ? AND created_at < ?', [shopId, cutoff]);
  const conversations = await deleteInChunks(db, 'conversations', 'shop_id = ? AND updated_at < ?', [shopId, cutoff]);
  const auditRecords = await deleteInChunks(db, 'audit_events', 'shop_id = ? AND created_at < ?', [shopId, cutoff]);
  // Delivery bookkeeping copies ticket data (payloads) and grows with every event: it goes by age
  // too, but an event still pending delivery stays whatever its age. Tickets themselves stay.
  const deliveryLog =
    (await deleteInChunks(db, 'webhook_deliveries', 'shop_id = ? AND created_at < ?', [shopId, cutoff])) +
    (await deleteInChunks(db, 'outbox_events', "shop_id = ? AND updated_at < ? AND status != 'pending'", [shopId, cutoff])) +
    (await deleteInChunks(db, 'order_webhook_receipts', 'shop_id = ? AND received_at < ?', [shopId, cutoff]));
  // Mail copies customer addresses and words: by age, once sent or given up (pending mail still goes out).
  const mail = await deleteInChunks(db, 'mail_outbox', "shop_id = ? AND updated_at < ? AND status != 'pending'", [shopId, cutoff]);
  // Sessions are refused once expired anyway; this only keeps the table small.
  const sessions = await deleteInChunks(db, 'people_sessions', 'shop_id = ? AND expires_at < ?', [shopId, now.toISOString()]);
  // Guest order access is short-lived by design: gone once expired (a day later for codes and
  // counters, which the per-hour limits still read). Replies written under a grant stay redacted.
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  const guestAccess =
    (await deleteInChunks(db, 'guest_grants', 'shop_id = ? AND expires_at < ?', [shopId, now.toISOString()])) +
    (await deleteInChunks(db, 'guest_codes', 'shop_id = ? AND created_at < ?', [shopId, dayAgo])) +
    (await deleteInChunks(db, 'guest_attempts', 'shop_id = ? AND updated_at < ?', [shopId, dayAgo]));
  const testRuns = await deleteInChunks(db, 'test_runs', 'shop_id = ? AND created_at < ?', [shopId, cutoff]);
  const gaps = await deleteInChunks(db, 'knowledge_gaps', 'shop_id = ? AND created_at < ?', [shopId, cutoff]);
  const agentWork = await applyAgentRetention(db, shopId, cutoff, now);
  return { shopId, retentionDays, cutoff, conversations, messages, auditRecords, deliveryLog, mail, sessions, guestAccess, testRuns, gaps, agentWork };
}

/**
 * The agent workspace's rows (migration 0007): notes and notices by age (they may quote the
 * shopper), expired subscribe tickets, and CSAT comments by age; the rating itself stays, it is
 * a number without personal data that the metrics count.
 */
async function applyAgentRetention(db: D1Database, shopId: string, cutoff: string, now: Date): Promise<number> {
  const comments = await db
    .prepare('UPDATE csat_ratings SET comment = NULL WHERE shop_id = ? AND created_at < ? AND comment IS NOT NULL')
    .bind(shopId, cutoff)
    .run();
  return (
    (comments.meta.changes ?? 0) +
    (await deleteInChunks(db, 'ticket_notes', 'shop_id = ? AND created_at < ?', [shopId, cutoff])) +
    (await deleteInChunks(db, 'agent_notices', 'shop_id = ? AND created_at < ?', [shopId, cutoff])) +
    (await deleteInChunks(db, 'live_tickets', 'shop_id = ? AND expires_at < ?', [shopId, now.toISOString()])) +
    // Assisted mode's held replies (0011): the shopper's question and the reply, by age.
    (await deleteInChunks(db, 'assisted_drafts', 'shop_id = ? AND created_at < ?', [shopId, cutoff]))
  );
}

/**
 * The daily retention job (the Worker's `scheduled` handler): for every shop, deletes
 * conversations, messages and audit records older than that shop's `settings.retentionDays`.
 * One shop failing is logged and does not stop the others.
 */
export async function runRetention(env: Pick<Env, 'DB'>, now = new Date()): Promise<RetentionReport[]> {
  const { results } = await env.DB.prepare('SELECT id, settings FROM shops ORDER BY id').all<{ id: string; settings: string }>();
  const reports: RetentionReport[] = [];
  for (const shop of results) {
    try {
      const { retentionDays } = ShopSettings.parse(JSON.parse(shop.settings));
      reports.push(await applyRetention(env.DB, shop.id, retentionDays, now));
    } catch (err) {
      console.error('retention failed for shop', shop.id, (err as Error).message);
    }
  }
  return reports;
}

/** True for the cron expression that runs retention (the other cron sweeps the webhook outbox). */
export const RETENTION_CRON = '17 3 * * *';
