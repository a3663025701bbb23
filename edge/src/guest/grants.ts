import type { OrderVerifiedGuest } from '../../../shared/identity';
import type { OrderRecord } from '../../../shared/order';
import { sha256Hex } from '../lib/crypto';
import { newId } from '../lib/ids';
import { orderNumberDigits, orderNumberKey } from '../orders/number';
import type { OrderSource } from '../orders/source';
import { fromRow } from '../orders/store';

/**
 * A guest grant: one conversation, one order, a limited time, bound to the conversation secret
 * (only its SHA-256 is stored). Nothing here can widen it to the customer's other orders.
 */

export const secretHash = (secret: string) => sha256Hex(`aisle-conversation-secret:${secret}`);

export interface GrantRow {
  id: string;
  number_key: string;
  order_number: string;
  source: 'store' | 'endpoint';
  endpoint_email_hmac: string | null;
  expires_at: string;
}

/**
 * Inserts the grant only when `matched` is true: the statement runs on every attempt, so a miss
 * costs the same database work as a match.
 */
export function insertGrantStatement(
  db: D1Database,
  g: { id: string; shopId: string; conversationId: string; secretHash: string; numberKey: string; orderNumber: string; source: 'store' | 'endpoint'; endpointEmailHmac: string | null; now: Date; expiresAt: Date },
  matched: boolean,
) {
  return db
    .prepare(
      `INSERT INTO guest_grants (id, shop_id, conversation_id, secret_hash, number_key, order_number, source, endpoint_email_hmac, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE ?11 = 1`,
    )
    .bind(g.id, g.shopId, g.conversationId, g.secretHash, g.numberKey, g.orderNumber, g.source, g.endpointEmailHmac, g.now.toISOString(), g.expiresAt.toISOString(), matched ? 1 : 0);
}

export const newGrantId = () => newId('ggr', 20);

/** The conversation's grant in force for this secret, as the identity of the turn; else null. */
export async function activeGrant(db: D1Database, shopId: string, conversationId: string, secret: string | undefined, now = new Date()): Promise<OrderVerifiedGuest | null> {
  if (!secret) return null;
  return grantFrom(await (await activeGrantStatement(db, shopId, conversationId, secret, now)).first<GrantRow>());
}

/** `activeGrant` as a statement, for a batch; `grantFrom` reads its row. */
export async function activeGrantStatement(db: D1Database, shopId: string, conversationId: string, secret: string, now = new Date()): Promise<D1PreparedStatement> {
  return db
    .prepare(
      `SELECT id, number_key, order_number, source, endpoint_email_hmac, expires_at FROM guest_grants
       WHERE shop_id = ? AND conversation_id = ? AND secret_hash = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1`,
    )
    .bind(shopId, conversationId, await secretHash(secret), now.toISOString());
}

export function grantFrom(row: GrantRow | null | undefined): OrderVerifiedGuest | null {
  if (!row) return null;
  return {
    level: 'order_verified_guest',
    grantId: row.id,
    orderNumber: row.order_number,
    numberKey: row.number_key,
    expiresAt: row.expires_at,
    source: row.source,
    ...(row.endpoint_email_hmac ? { endpointEmailHmac: row.endpoint_email_hmac } : {}),
  };
}

/** Grant ids that this secret may still read in this conversation (for the history). */
export async function readableGrantIds(db: D1Database, shopId: string, conversationId: string, secret: string | undefined, now = new Date()): Promise<Set<string>> {
  if (!secret) return new Set();
  const { results } = await db
    .prepare('SELECT id FROM guest_grants WHERE shop_id = ? AND conversation_id = ? AND secret_hash = ? AND expires_at > ?')
    .bind(shopId, conversationId, await secretHash(secret), now.toISOString())
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** True when `number` names the granted order (its key, or its digits when they are unambiguous). */
export function namesGrantedOrder(grant: Pick<OrderVerifiedGuest, 'numberKey' | 'orderNumber'>, number: string): boolean {
  const key = orderNumberKey(number);
  if (!key) return false;
  if (key === grant.numberKey) return true;
  const digits = orderNumberDigits(number);
  return digits.length >= 3 && digits === orderNumberDigits(grant.orderNumber);
}

/** The store's view for a grant: the one order, by its key. Private columns are never selected. */
export function grantOrderSource(db: D1Database, shopId: string, grant: OrderVerifiedGuest): OrderSource {
  const read = async (): Promise<OrderRecord | null> => {
    const row = await db
      .prepare('SELECT number, customer_id, data FROM orders WHERE shop_id = ? AND number_key = ?')
      .bind(shopId, grant.numberKey)
      .first<{ number: string; customer_id: string | null; data: string }>();
    return row ? fromRow(row) : null;
  };
  return {
    async listOrders() {
      const order = await read();
      return order ? [order] : [];
    },
    async getOrder(number) {
      return namesGrantedOrder(grant, number) ? read() : null;
    },
  };
}
