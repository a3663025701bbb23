import { findOrderNumbers, isStopWord, searchWords, stem, type Lang, LANGS } from '../language';
import { redactEmails } from '../guest/redact';
import { REDACTED } from '../shops/customer-data';

/** Fallbacks that mean the shop's data did not answer (a refused order lookup is not a gap). */
export const GAP_REASONS = ['no_product_match', 'missing_policy_content', 'ambiguous_order', 'model_failure', 'tool_failure', 'database_failure'] as const;

const PHONE = /\+?\d[\d\s().\/-]{5,}\d/g;
const LONG_NUMBER = /\d{5,}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The question with emails, order numbers and phone numbers removed: what a gap keeps. */
export function redactGap(text: string): string {
  let out = redactEmails(text);
  for (const n of findOrderNumbers(out)) out = out.replace(new RegExp(escape(n), 'gi'), '[order]');
  return out.replace(PHONE, '[phone]').replace(LONG_NUMBER, '[number]').replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * What groups similar wording: the stemmed content words of the redacted question, sorted
 * and deduplicated ("Do you sell kayaks?" and "kayak sold here?" share "kayak sell").
 */
export function gapKey(redacted: string, locale: string): string {
  const lang = ((LANGS as readonly string[]).includes(locale) ? locale : 'en') as Lang;
  const words = searchWords(redacted.replace(/\[(order|phone|number|email removed)\]/g, ' '))
    .filter((w) => w.length > 1 && !isStopWord(w) && !/^\d+$/.test(w))
    .map((w) => stem(w, lang));
  return [...new Set(words)].sort().join(' ').slice(0, 200);
}

/**
 * Adds the gaps among a shop's turns since `from` (one row per turn, so running again adds
 * nothing). Turns whose words a customer deletion replaced are skipped. Returns rows written.
 */
export async function collectGaps(db: D1Database, shopId: string, from: string): Promise<number> {
  const { results } = await db
    .prepare(
      `SELECT turn_id, conversation_id, customer_id, created_at,
         json_extract(data, '$.message') AS message, json_extract(data, '$.fallbackReason') AS reason, json_extract(data, '$.locale') AS locale
       FROM audit_events
       WHERE shop_id = ? AND kind = 'turn' AND created_at >= ? AND turn_id IS NOT NULL
         AND json_extract(data, '$.fallbackReason') IN (SELECT value FROM json_each(?))
         AND turn_id NOT IN (SELECT turn_id FROM knowledge_gaps WHERE shop_id = ?)`,
    )
    .bind(shopId, from, JSON.stringify(GAP_REASONS), shopId)
    .all<{ turn_id: string; conversation_id: string | null; customer_id: string | null; created_at: string; message: string | null; reason: string; locale: string | null }>();
  const statements: D1PreparedStatement[] = [];
  for (const r of results) {
    if (!r.message || r.message === REDACTED) continue;
    const text = redactGap(r.message);
    const key = gapKey(text, r.locale ?? 'en');
    if (!key) continue;
    statements.push(
      db
        .prepare('INSERT OR IGNORE INTO knowledge_gaps (turn_id, shop_id, conversation_id, customer_id, gap_key, reason, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .bind(r.turn_id, shopId, r.conversation_id, r.customer_id, key, r.reason, text, r.created_at),
    );
  }
  let written = 0;
  for (let i = 0; i < statements.length; i += 50) written += (await db.batch(statements.slice(i, i + 50))).reduce((n, x) => n + (x.meta.changes ?? 0), 0);
  return written;
}

export interface KnowledgeGap {
  key: string;
  count: number;
  reasons: string[];
  /** The latest redacted wording, and up to 3 others: rendered as text, never as HTML. */
  examples: string[];
  lastSeen: string;
}

export async function listGaps(db: D1Database, shopId: string, since: string, limit = 50): Promise<KnowledgeGap[]> {
  const { results } = await db
    .prepare(
      `SELECT gap_key, COUNT(*) AS n, MAX(created_at) AS last_seen,
         (SELECT json_group_array(DISTINCT reason) FROM knowledge_gaps g2 WHERE g2.shop_id = g.shop_id AND g2.gap_key = g.gap_key AND g2.created_at >= ?) AS reasons,
         (SELECT json_group_array(text) FROM (SELECT text FROM knowledge_gaps g3 WHERE g3.shop_id = g.shop_id AND g3.gap_key = g.gap_key AND g3.created_at >= ? GROUP BY text ORDER BY MAX(g3.created_at) DESC LIMIT 4)) AS examples
       FROM knowledge_gaps g WHERE shop_id = ? AND created_at >= ? GROUP BY gap_key ORDER BY n DESC, last_seen DESC LIMIT ?`,
    )
    .bind(since, since, shopId, since, limit)
    .all<{ gap_key: string; n: number; last_seen: string; reasons: string; examples: string }>();
  return results.map((r) => ({ key: r.gap_key, count: r.n, reasons: JSON.parse(r.reasons), examples: JSON.parse(r.examples), lastSeen: r.last_seen }));
}
