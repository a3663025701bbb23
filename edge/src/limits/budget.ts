import type { ShopRecord } from '../shops/store';
import { ApiError } from '../lib/errors';

const today = () => new Date().toISOString().slice(0, 10);

function secondsToUtcMidnight(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/**
 * Per-shop daily budgets, counted in D1 (so each shop can have its own): the message is
 * counted first, then checked, so concurrent requests cannot overshoot by more than a few.
 */
export async function chargeMessage(db: D1Database, shop: ShopRecord): Promise<void> {
  checkCharge(shop, await chargeMessageStatement(db, shop).first<ChargedUsage>());
}

export interface ChargedUsage {
  messages: number;
  tokens: number;
}

/** Counts the message (today's row for the shop) and answers the day's totals; `checkCharge` reads them. */
export const chargeMessageStatement = (db: D1Database, shop: ShopRecord) =>
  db
    .prepare(
      `INSERT INTO usage_daily (shop_id, day, messages, tokens) VALUES (?, ?, 1, 0)
       ON CONFLICT (shop_id, day) DO UPDATE SET messages = messages + 1
       RETURNING messages, tokens`,
    )
    .bind(shop.id, today());

/**
 * For a statement later in the same batch as the charge: SQL true while today's counts are within
 * the shop's budgets (the same test as `checkCharge`), with its parameters.
 */
export function withinBudget(shop: ShopRecord): { sql: string; params: (string | number | null)[] } {
  const { messagesPerDay, tokensPerDay } = shop.settings.budgets;
  // A budget that is not set binds NULL: the comparison is NULL, never over.
  return {
    sql: 'NOT EXISTS (SELECT 1 FROM usage_daily WHERE shop_id = ? AND day = ? AND (messages > ? OR tokens >= ?))',
    params: [shop.id, today(), messagesPerDay ?? null, tokensPerDay ?? null],
  };
}

/** Throws `rate_limited` (with Retry-After) when the charged counts are over the shop's budgets. */
export function checkCharge(shop: ShopRecord, row: ChargedUsage | null): void {
  const { messagesPerDay, tokensPerDay } = shop.settings.budgets;
  const over = (messagesPerDay !== undefined && row!.messages > messagesPerDay) || (tokensPerDay !== undefined && row!.tokens >= tokensPerDay);
  if (over) {
    throw new ApiError('rate_limited', "This shop's assistant has reached its daily limit; please try again later or contact the shop", undefined, {
      'Retry-After': String(secondsToUtcMidnight()),
    });
  }
}

export const chargeTokens = (db: D1Database, shopId: string, tokens: number) =>
  db.prepare('UPDATE usage_daily SET tokens = tokens + ? WHERE shop_id = ? AND day = ?').bind(tokens, shopId, today());
