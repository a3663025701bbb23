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
  const { messagesPerDay, tokensPerDay } = shop.settings.budgets;
  const row = await db
    .prepare(
      `INSERT INTO usage_daily (shop_id, day, messages, tokens) VALUES (?, ?, 1, 0)
       ON CONFLICT (shop_id, day) DO UPDATE SET messages = messages + 1
       RETURNING messages, tokens`,
    )
    .bind(shop.id, today())
    .first<{ messages: number; tokens: number }>();
  const over = (messagesPerDay !== undefined && row!.messages > messagesPerDay) || (tokensPerDay !== undefined && row!.tokens >= tokensPerDay);
  if (over) {
    throw new ApiError('rate_limited', "This shop's assistant has reached its daily limit; please try again later or contact the shop", undefined, {
      'Retry-After': String(secondsToUtcMidnight()),
    });
  }
}

export const chargeTokens = (db: D1Database, shopId: string, tokens: number) =>
  db.prepare('UPDATE usage_daily SET tokens = tokens + ? WHERE shop_id = ? AND day = ?').bind(tokens, shopId, today());
