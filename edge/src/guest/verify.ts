import type { AislePart, Locale } from '../../../shared/chat';
import type { VerifyOrderResponse } from '../../../shared/guest';
import type { OrderRecord } from '../../../shared/order';
import { auditStatement } from '../audit/log';
import { decryptSecret, sha256Hex, timingSafeEqual } from '../lib/crypto';
import { ApiError } from '../lib/errors';
import { newId } from '../lib/ids';
import { describeOrder, toOrderCard } from '../orders/card';
import { emailHmacHex, openEmailKey, orderEmailKey, selectEmailKeyStatement } from '../orders/email-hash';
import { orderNumberKey } from '../orders/number';
import { guestEndpointLookup } from '../orders/source';
import { fromRow } from '../orders/store';
import type { ShopRecord } from '../shops/store';
import type { ConversationRow } from '../conversations/store';
import { lockedUntil, orderDelayMs, liveFailures, recordAttemptStatement, selectAttemptsStatement, type AttemptRow, type AttemptScope } from './attempts';
import { insertGrantStatement, newGrantId, secretHash } from './grants';
import { guestWords } from './wording';
import { codeHash, insertCodeStatement, newCode, sendCodeMail } from './codes';

export interface VerifyInput {
  env: Env;
  shop: ShopRecord;
  /** Loaded by `requireConversation(c, id, 'secret')`: a secret conversation of this shop, with its secret. */
  conversation: Pick<ConversationRow, 'id' | 'shop_id' | 'customer_id'>;
  /** The server-issued conversation secret the request presented (already checked); the grant is bound to it. */
  secret: string;
  /** `cf-connecting-ip`; null when absent (local calls), which all share one client key. */
  clientIp: string | null;
  requestId: string;
  orderNumber: string;
  email: string;
  locale: Locale;
  /** Runs the code mail after the answer, so a match does not answer later than a miss. */
  waitUntil?: (p: Promise<unknown>) => void;
  /** Test seam for the per-order slowdown; production waits for real. */
  sleep?: (ms: number) => Promise<unknown>;
}

/** Compared against when the order does not exist, so a miss costs the same HMAC and comparison. */
const NO_ORDER_HMAC = '0'.repeat(64);
/** Bound instead of a key when the number has no letter or digit: the same statements still run. */
const NO_KEY = '-';

const sleepFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface OrderLookupRow {
  number: string;
  customer_id: string | null;
  data: string;
  email_hmac: string | null;
}

/**
 * Order number plus email. Every attempt, whatever the outcome, runs the same D1 statements (one
 * read batch, one write batch) and the same HMAC; a wrong email, an unknown order and a throttled
 * order number get the same answer. Nothing about an order is returned, stored or audited before
 * a match.
 */
export async function verifyGuestOrder(input: VerifyInput): Promise<VerifyOrderResponse> {
  const { env, shop, locale } = input;
  const conversationId = input.conversation.id;
  // A signed-in customer's conversation is not a guest's: it looks unknown here, like another shop's.
  if (input.conversation.shop_id !== shop.id || input.conversation.customer_id !== null) throw new ApiError('not_found', 'Unknown conversation');
  const db = env.DB;
  const now = new Date();
  const numberKey = orderNumberKey(input.orderNumber) || NO_KEY;
  const keys: Record<AttemptScope, string> = {
    client: await sha256Hex(`aisle-client:${input.clientIp ?? 'unknown'}`),
    conversation: conversationId,
    order: numberKey,
  };

  const [keyRes, orderRes, attemptRes] = await db.batch<Record<string, unknown>>([
    selectEmailKeyStatement(db, shop.id),
    // The chat path's only email column is the HMAC; the private columns are never read here.
    db.prepare('SELECT number, customer_id, data, email_hmac FROM orders WHERE shop_id = ? AND number_key = ?').bind(shop.id, numberKey),
    selectAttemptsStatement(db, shop.id, keys),
  ]);
  const attempts = new Map((attemptRes.results as unknown as AttemptRow[]).map((r) => [r.scope, r]));
  for (const scope of ['conversation', 'client'] as const) {
    const until = lockedUntil(attempts.get(scope), now);
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      await auditStatement(db, { shopId: shop.id, conversationId, kind: 'guest_verify', data: { outcome: 'locked', scope } }).run();
      throw new ApiError('rate_limited', guestWords(locale, 'locked', { minutes }), undefined, { 'Retry-After': String(minutes * 60) });
    }
  }

  const sealed = (keyRes.results[0] as { sealed_key: string } | undefined)?.sealed_key;
  const emailKey = sealed ? await openEmailKey(env.AISLE_SECRET_KEY, sealed) : await orderEmailKey(db, env.AISLE_SECRET_KEY, shop.id);
  const emailHash = await emailKey.hash(input.email);

  let order: OrderRecord | null = null;
  let endpointEmailHmac: string | null = null;
  const endpoint = shop.settings.orderEndpoint;
  if (endpoint) {
    // The merchant's own endpoint decides; it gets the identity-secret HMAC, never the email.
    const identityKey = shop.identityKeys[0];
    if (!identityKey) throw new ApiError('conflict', 'The shop has no identity secret');
    endpointEmailHmac = await emailHmacHex(await decryptSecret(env.AISLE_SECRET_KEY, identityKey.secret), input.email);
    try {
      order = numberKey === NO_KEY ? null : await guestEndpointLookup({ env, shop, url: endpoint.url, timeoutMs: endpoint.timeoutMs })(input.orderNumber, endpointEmailHmac);
    } catch (err) {
      console.error('guest order endpoint failed', shop.id, (err as Error).message);
      throw new ApiError('internal', 'The order lookup is not available right now; please try again in a moment');
    }
    timingSafeEqual(NO_ORDER_HMAC, emailHash);
  } else {
    const row = orderRes.results[0] as unknown as OrderLookupRow | undefined;
    const stored = row?.email_hmac ?? NO_ORDER_HMAC;
    const same = timingSafeEqual(stored, emailHash);
    if (row && row.email_hmac && same) order = fromRow(row);
  }
  const matched = order !== null;

  // Per order number: the same answer, later and later. Never a visible lock.
  const delay = orderDelayMs(liveFailures(attempts.get('order'), now));
  if (delay > 0) await (input.sleep ?? sleepFor)(delay);

  const grantId = newGrantId();
  const messageId = newId('msg');
  // With a second factor the grant is stored pending (expired from the start) until the code opens it.
  const withCode = shop.settings.guestOrders.oneTimeCode;
  const expiresAt = withCode ? now : new Date(now.getTime() + shop.settings.guestOrders.grantMinutes * 60_000);
  const card = order && !withCode ? toOrderCard(order, locale) : null;
  const parts: AislePart[] = card ? [{ type: 'text', text: describeOrder(card, locale, now) }, { type: 'data-order', data: card }] : [];
  const ok = matched && !withCode ? 1 : 0;
  const hashOfSecret = await secretHash(input.secret);
  const code = withCode ? newCode() : null;
  // The code statement runs on every attempt of a shop with codes (a miss computes a hash too).
  const codeStatements = code
    ? [
        insertCodeStatement(
          db,
          { id: newId('gcd', 20), shopId: shop.id, conversationId, secretHash: hashOfSecret, numberKey, codeHash: await codeHash(emailKey.raw, conversationId, numberKey, code), now },
          matched,
        ),
      ]
    : [];
  const results = await db.batch([
    ...codeStatements,
    recordAttemptStatement(db, shop.id, 'client', keys.client, !matched, now),
    recordAttemptStatement(db, shop.id, 'conversation', keys.conversation, !matched, now),
    recordAttemptStatement(db, shop.id, 'order', keys.order, !matched, now),
    insertGrantStatement(
      db,
      {
        id: grantId,
        shopId: shop.id,
        conversationId,
        secretHash: hashOfSecret,
        numberKey,
        orderNumber: order?.number ?? '',
        source: endpoint ? 'endpoint' : 'store',
        endpointEmailHmac: matched ? endpointEmailHmac : null,
        now,
        expiresAt,
      },
      matched,
    ),
    // The order's card, as an assistant message readable only under this grant.
    db
      .prepare(
        `INSERT INTO messages (id, conversation_id, shop_id, role, parts, created_at, guest_grant_id)
         SELECT ?1, ?2, ?3, 'assistant', ?4, ?5, ?6 WHERE ?7 = 1`,
      )
      .bind(messageId, conversationId, shop.id, JSON.stringify(parts), now.toISOString(), grantId, ok),
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').bind(now.toISOString(), conversationId),
    // Before a match the audit holds the outcome only: no number, no hint whether the order exists.
    auditStatement(db, {
      shopId: shop.id,
      conversationId,
      kind: 'guest_verify',
      data: matched && withCode
        ? { outcome: 'code_requested', grantId }
        : matched
        ? { outcome: 'verified', identity: 'order_verified_guest', grantId, orderNumber: order!.number, expiresAt: expiresAt.toISOString(), source: endpoint ? 'endpoint' : 'store' }
        : { outcome: 'refused' },
    }),
  ]);

  if (code) {
    // Sent only when the code row was stored (a match, under 3 codes this hour), after the answer.
    if (matched && (results[0]?.meta.changes ?? 0) > 0) {
      const mail = sendCodeMail(env, shop.id, { to: input.email, orderNumber: order!.number, code, locale }).catch((err) =>
        console.error('guest code mail failed', shop.id, (err as Error).message),
      );
      if (input.waitUntil) input.waitUntil(mail);
      else await mail;
    }
    // Every attempt, match or not, throttled or not: the same words.
    return { requestId: input.requestId, state: 'requested', code: true, text: guestWords(locale, 'codeSent') };
  }
  if (!matched) return { requestId: input.requestId, state: 'failed', text: guestWords(locale, 'notMatched') };
  return {
    requestId: input.requestId,
    state: 'verified',
    orderNumber: order!.number,
    text: guestWords(locale, 'verified', { number: order!.number, minutes: shop.settings.guestOrders.grantMinutes }),
    expiresAt: expiresAt.toISOString(),
    messageId,
    message: { id: messageId, role: 'assistant', parts, createdAt: now.toISOString() },
  };
}
