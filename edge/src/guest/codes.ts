import type { AislePart, Locale } from '../../../shared/chat';
import type { VerifyOrderResponse } from '../../../shared/guest';
import { auditStatement } from '../audit/log';
import type { ConversationRow } from '../conversations/store';
import { hmacSha256, sha256Hex, timingSafeEqual, toBase64 } from '../lib/crypto';
import { ApiError } from '../lib/errors';
import { newId } from '../lib/ids';
import { queueMail } from '../mail';
import { describeOrder, toOrderCard } from '../orders/card';
import { normaliseEmail, orderEmailKey, selectEmailKeyStatement } from '../orders/email-hash';
import { orderSourceFor } from '../orders/source';
import type { ShopRecord } from '../shops/store';
import { lockedUntil, recordAttemptStatement, selectAttemptsStatement, type AttemptRow, type AttemptScope } from './attempts';
import { activeGrant, secretHash } from './grants';
import { codeMailWords, guestWords } from './wording';

/**
 * The optional second factor (per shop: `guestOrders.oneTimeCode`). A matching order number and
 * email does not open the order yet: it stores a pending grant (expired from the start) and a
 * 6-digit code, mailed to the address that matched through the Mailer. Every attempt, match or
 * not, is answered "if the details match, we've sent a code". The code opens the pending grant.
 */
export const CODE_RULES = { digits: 6, validMinutes: 10, maxAttempts: 5, perOrderPerHour: 3 } as const;

/** Six uniformly random digits (rejection sampling, so no digit is more likely than another). */
export function newCode(): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1));
    if (n! < limit) return String(n! % 1_000_000).padStart(CODE_RULES.digits, '0');
  }
}

/** Codes are stored as HMAC-SHA256 under the shop's order-email key, bound to the order and conversation. */
export async function codeHash(key: Uint8Array, conversationId: string, numberKey: string, code: string): Promise<string> {
  return toBase64(await hmacSha256(key, `aisle-guest-code:${conversationId}:${numberKey}:${code.trim()}`));
}

/**
 * Inserts the code only on a match and while the order has had fewer than 3 codes in the last
 * hour; the statement runs on every attempt, so a miss costs the same database work.
 */
export function insertCodeStatement(
  db: D1Database,
  c: { id: string; shopId: string; conversationId: string; secretHash: string; numberKey: string; codeHash: string; now: Date },
  matched: boolean,
) {
  const hourAgo = new Date(c.now.getTime() - 3600_000).toISOString();
  const expires = new Date(c.now.getTime() + CODE_RULES.validMinutes * 60_000).toISOString();
  return db
    .prepare(
      `INSERT INTO guest_codes (id, shop_id, conversation_id, secret_hash, number_key, code_hash, attempts, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8
       WHERE ?9 = 1 AND (SELECT COUNT(*) FROM guest_codes WHERE shop_id = ?2 AND number_key = ?5 AND created_at > ?10) < ?11`,
    )
    .bind(c.id, c.shopId, c.conversationId, c.secretHash, c.numberKey, c.codeHash, c.now.toISOString(), expires, matched ? 1 : 0, hourAgo, CODE_RULES.perOrderPerHour);
}

/** The code mail, to the address that matched (normalised), through the Mailer's outbox. */
export function sendCodeMail(env: Env, shopId: string, m: { to: string; orderNumber: string; code: string; locale: Locale }) {
  const words = codeMailWords(m.locale, { number: m.orderNumber, code: m.code });
  return queueMail(env, shopId, { to: normaliseEmail(m.to), subject: words.subject, text: words.text });
}

export interface CodeInput {
  env: Env;
  shop: ShopRecord;
  conversation: Pick<ConversationRow, 'id' | 'shop_id' | 'customer_id'>;
  secret: string;
  clientIp: string | null;
  requestId: string;
  code: string;
  locale: Locale;
}

interface CodeRow {
  id: string;
  number_key: string;
  code_hash: string;
  attempts: number;
  expires_at: string;
}

/**
 * `POST .../verify-order/code`: the newest unused code of this conversation and secret, at most 5
 * tries, 10 minutes. A right code opens the pending grant for the shop's grant minutes and stores
 * the order's card under it, as a match without a second factor does. Wrong codes count towards
 * the client's and the conversation's lockouts.
 */
export async function verifyGuestCode(input: CodeInput): Promise<VerifyOrderResponse> {
  const { env, shop, locale } = input;
  const db = env.DB;
  const now = new Date();
  const conversationId = input.conversation.id;
  if (input.conversation.shop_id !== shop.id || input.conversation.customer_id !== null) throw new ApiError('not_found', 'Unknown conversation');
  const hashOfSecret = await secretHash(input.secret);
  const keys: Record<AttemptScope, string> = { client: await sha256Hex(`aisle-client:${input.clientIp ?? 'unknown'}`), conversation: conversationId, order: '-' };

  const [keyRes, codeRes, attemptRes] = await db.batch<Record<string, unknown>>([
    selectEmailKeyStatement(db, shop.id),
    db
      .prepare(
        `SELECT id, number_key, code_hash, attempts, expires_at FROM guest_codes
         WHERE shop_id = ? AND conversation_id = ? AND secret_hash = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      )
      .bind(shop.id, conversationId, hashOfSecret),
    selectAttemptsStatement(db, shop.id, keys),
  ]);
  const attempts = new Map((attemptRes.results as unknown as AttemptRow[]).map((r) => [r.scope, r]));
  for (const scope of ['conversation', 'client'] as const) {
    const until = lockedUntil(attempts.get(scope), now);
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      await auditStatement(db, { shopId: shop.id, conversationId, kind: 'guest_verify', data: { outcome: 'locked', scope, step: 'code' } }).run();
      throw new ApiError('rate_limited', guestWords(locale, 'locked', { minutes }), undefined, { 'Retry-After': String(minutes * 60) });
    }
  }

  const row = codeRes.results[0] as unknown as CodeRow | undefined;
  const sealed = (keyRes.results[0] as { sealed_key: string } | undefined)?.sealed_key;
  const emailKey = await orderEmailKey(db, env.AISLE_SECRET_KEY, shop.id, sealed);
  const presented = await codeHash(emailKey.raw, conversationId, row?.number_key ?? '-', input.code);
  const live = !!row && Date.parse(row.expires_at) > now.getTime() && row.attempts < CODE_RULES.maxAttempts;
  const same = timingSafeEqual(row?.code_hash ?? '-', presented);
  const matched = live && same;
  const expiresAt = new Date(now.getTime() + shop.settings.guestOrders.grantMinutes * 60_000);

  await db.batch([
    db
      .prepare('UPDATE guest_codes SET attempts = attempts + 1, used_at = CASE WHEN ?1 = 1 THEN ?2 ELSE used_at END WHERE id = ?3')
      .bind(matched ? 1 : 0, now.toISOString(), row?.id ?? '-'),
    recordAttemptStatement(db, shop.id, 'client', keys.client, !matched, now),
    recordAttemptStatement(db, shop.id, 'conversation', keys.conversation, !matched, now),
    // The pending grant made with this code opens now, for the shop's grant minutes.
    db
      .prepare(
        `UPDATE guest_grants SET expires_at = ?1 WHERE ?2 = 1 AND id = (
           SELECT id FROM guest_grants WHERE shop_id = ?3 AND conversation_id = ?4 AND secret_hash = ?5 AND number_key = ?6 ORDER BY created_at DESC LIMIT 1)`,
      )
      .bind(expiresAt.toISOString(), matched ? 1 : 0, shop.id, conversationId, hashOfSecret, row?.number_key ?? '-'),
  ]);

  const refused = (): VerifyOrderResponse => ({ requestId: input.requestId, state: 'failed', code: true, text: guestWords(locale, 'codeWrong') });
  if (!matched) {
    await auditStatement(db, { shopId: shop.id, conversationId, kind: 'guest_verify', data: { outcome: 'refused', step: 'code' } }).run();
    return refused();
  }

  const grant = await activeGrant(db, shop.id, conversationId, input.secret, now);
  const order = grant ? (await orderSourceFor({ env, db, shop, identity: grant }).listOrders(1))[0] : undefined;
  if (!grant || !order) return refused();
  const card = toOrderCard(order, locale);
  const parts: AislePart[] = [{ type: 'text', text: describeOrder(card, locale, now) }, { type: 'data-order', data: card }];
  const messageId = newId('msg');
  await db.batch([
    db
      .prepare(`INSERT INTO messages (id, conversation_id, shop_id, role, parts, created_at, guest_grant_id) VALUES (?, ?, ?, 'assistant', ?, ?, ?)`)
      .bind(messageId, conversationId, shop.id, JSON.stringify(parts), now.toISOString(), grant.grantId),
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').bind(now.toISOString(), conversationId),
    auditStatement(db, {
      shopId: shop.id,
      conversationId,
      kind: 'guest_verify',
      data: { outcome: 'verified', step: 'code', identity: 'order_verified_guest', grantId: grant.grantId, orderNumber: order.number, expiresAt: grant.expiresAt, source: grant.source },
    }),
  ]);
  return {
    requestId: input.requestId,
    state: 'verified',
    orderNumber: order.number,
    text: guestWords(locale, 'verified', { number: order.number, minutes: shop.settings.guestOrders.grantMinutes }),
    expiresAt: grant.expiresAt,
    messageId,
    message: { id: messageId, role: 'assistant', parts, createdAt: now.toISOString() },
  };
}
