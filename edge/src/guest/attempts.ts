/**
 * Failed guest order checks, counted per client (hashed IP), per conversation and per order
 * number. Clients and conversations are locked out for a while, with a clear message; an order
 * number is only ever slowed: order numbers are often sequential, and a visible lock would let
 * anyone lock a real customer out of their own order.
 */

export type AttemptScope = 'client' | 'conversation' | 'order';

export interface AttemptRule {
  windowSeconds: number;
  /** Failures in the window that lock the scope until the window ends; null = never locked. */
  lockAfter: number | null;
}

export const ATTEMPT_RULES: Record<AttemptScope, AttemptRule> = {
  conversation: { windowSeconds: 15 * 60, lockAfter: 5 },
  client: { windowSeconds: 60 * 60, lockAfter: 20 },
  order: { windowSeconds: 60 * 60, lockAfter: null },
};

/** Per order number: the first failures cost nothing, then each answer waits twice as long, up to a cap. */
export const ORDER_SLOWDOWN = { freeFailures: 3, baseMs: 250, maxMs: 8000 } as const;

export function orderDelayMs(failures: number): number {
  if (failures < ORDER_SLOWDOWN.freeFailures) return 0;
  return Math.min(ORDER_SLOWDOWN.baseMs * 2 ** (failures - ORDER_SLOWDOWN.freeFailures), ORDER_SLOWDOWN.maxMs);
}

export interface AttemptRow {
  scope: AttemptScope;
  key: string;
  window_start: string;
  failures: number;
}

/** Failures still inside the scope's window (0 once the window has passed). */
export function liveFailures(row: AttemptRow | undefined, now: Date): number {
  if (!row) return 0;
  const ends = Date.parse(row.window_start) + ATTEMPT_RULES[row.scope].windowSeconds * 1000;
  return ends > now.getTime() ? row.failures : 0;
}

/** When a locked scope opens again, or null when it is not locked. */
export function lockedUntil(row: AttemptRow | undefined, now: Date): Date | null {
  if (!row) return null;
  const rule = ATTEMPT_RULES[row.scope];
  if (rule.lockAfter === null || liveFailures(row, now) < rule.lockAfter) return null;
  return new Date(Date.parse(row.window_start) + rule.windowSeconds * 1000);
}

export const selectAttemptsStatement = (db: D1Database, shopId: string, keys: Record<AttemptScope, string>) =>
  db
    .prepare(
      `SELECT scope, key, window_start, failures FROM guest_attempts
       WHERE shop_id = ?1 AND ((scope = 'client' AND key = ?2) OR (scope = 'conversation' AND key = ?3) OR (scope = 'order' AND key = ?4))`,
    )
    .bind(shopId, keys.client, keys.conversation, keys.order);

/**
 * One upsert per scope, the same statement for a success and a failure (`failed` is 0 or 1), so
 * the database work does not tell a match from a miss. A window that has passed starts again.
 * A match clears the order's count (its owner got in); clients and conversations keep theirs,
 * so one known order cannot reset an attacker's counters.
 */
export function recordAttemptStatement(db: D1Database, shopId: string, scope: AttemptScope, key: string, failed: boolean, now = new Date()) {
  const windowStart = new Date(now.getTime() - ATTEMPT_RULES[scope].windowSeconds * 1000).toISOString();
  const clearOnMatch = scope === 'order' ? 1 : 0;
  return db
    .prepare(
      `INSERT INTO guest_attempts (shop_id, scope, key, window_start, failures, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4)
       ON CONFLICT (shop_id, scope, key) DO UPDATE SET
         window_start = CASE WHEN guest_attempts.window_start <= ?6 THEN ?4 ELSE guest_attempts.window_start END,
         failures = CASE
           WHEN ?5 = 0 AND ?7 = 1 THEN 0
           WHEN guest_attempts.window_start <= ?6 THEN ?5
           ELSE guest_attempts.failures + ?5 END,
         updated_at = ?4`,
    )
    .bind(shopId, scope, key, now.toISOString(), failed ? 1 : 0, windowStart, clearOnMatch);
}

