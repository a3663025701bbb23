import { CustomerRecord, OrderRecord } from '../../../shared/order';
import { nowIso } from '../lib/ids';
import type { OrderEmailKey } from './email-hash';
import { orderNumberDigits, orderNumberKey } from './number';

/**
 * D1 access for customers and orders. Every statement names the shop; the chat-facing
 * reads (`ordersOfCustomer`, `orderOfCustomer`) also name the customer and never select
 * the private columns.
 */

interface OrderRow {
  number: string;
  /** NULL for a guest checkout. */
  customer_id: string | null;
  data: string;
}

type PublicOrderData = Omit<OrderRecord, 'number' | 'customerId' | 'shippingAddress' | 'payment' | 'email'>;
type PrivateOrderData = Pick<OrderRecord, 'shippingAddress' | 'payment' | 'email'>;

function splitOrder(order: OrderRecord): { pub: PublicOrderData; priv: PrivateOrderData | null } {
  const { number: _n, customerId: _c, shippingAddress, payment, email, ...pub } = order;
  return { pub, priv: shippingAddress || payment || email ? { shippingAddress, payment, email } : null };
}

/** Public view only: the row never carries the private columns. */
export function fromRow(row: OrderRow): OrderRecord {
  return { number: row.number, ...(row.customer_id !== null ? { customerId: row.customer_id } : {}), ...(JSON.parse(row.data) as PublicOrderData) };
}

export const upsertCustomerStatement = (db: D1Database, shopId: string, c: CustomerRecord, now = nowIso()) =>
  db
    .prepare(
      `INSERT INTO customers (shop_id, id, name, email, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop_id, id) DO UPDATE SET
         name = COALESCE(excluded.name, customers.name),
         email = COALESCE(excluded.email, customers.email),
         phone = COALESCE(excluded.phone, customers.phone),
         updated_at = excluded.updated_at`,
    )
    .bind(shopId, c.id, c.name ?? null, c.email ?? null, c.phone ?? null, now);

/**
 * Insert or replace one order. With `sourceUpdatedAt` (webhooks), a delivery that is older
 * than what is stored leaves the row alone, so out-of-order retries cannot roll status back.
 */
export function upsertOrderStatement(
  db: D1Database,
  shopId: string,
  order: OrderRecord,
  opts: { sourceUpdatedAt?: string | null; now?: string; emailHmac?: string | null } = {},
) {
  const { pub, priv } = splitOrder(order);
  return db
    .prepare(
      `INSERT INTO orders (shop_id, number_key, number_digits, number, customer_id, stage, placed_at, data, private_data, source_updated_at, updated_at, email_hmac)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop_id, number_key) DO UPDATE SET
         number_digits = excluded.number_digits, number = excluded.number, customer_id = excluded.customer_id,
         stage = excluded.stage, placed_at = excluded.placed_at, data = excluded.data, private_data = excluded.private_data,
         source_updated_at = excluded.source_updated_at, updated_at = excluded.updated_at,
         email_hmac = COALESCE(excluded.email_hmac, orders.email_hmac)
       WHERE orders.source_updated_at IS NULL OR excluded.source_updated_at IS NULL OR excluded.source_updated_at >= orders.source_updated_at`,
    )
    .bind(
      shopId,
      orderNumberKey(order.number),
      orderNumberDigits(order.number),
      order.number,
      order.customerId ?? null,
      order.stage,
      order.placedAt ?? null,
      JSON.stringify(pub),
      priv ? JSON.stringify(priv) : null,
      opts.sourceUpdatedAt ?? null,
      opts.now ?? nowIso(),
      opts.emailHmac ?? null,
    );
}

/** D1 caps a batch's size; imports go in chunks, each chunk atomic. */
const CHUNK = 200;

/**
 * Writes an import. `replace` deletes the shop's customers and orders first, in the same
 * first batch, so a shopper never sees an empty store for long.
 */
export async function importOrders(
  db: D1Database,
  shopId: string,
  input: { customers: CustomerRecord[]; orders: OrderRecord[] },
  replace: boolean,
  /** Without it, email HMACs stay empty until the backfill call. */
  emailKey?: OrderEmailKey,
) {
  const now = nowIso();
  const statements: D1PreparedStatement[] = [];
  if (replace) {
    statements.push(db.prepare('DELETE FROM orders WHERE shop_id = ?').bind(shopId));
    statements.push(db.prepare('DELETE FROM customers WHERE shop_id = ?').bind(shopId));
  }
  const customerEmails = new Map(input.customers.filter((c) => c.email).map((c) => [c.id, c.email!]));
  for (const c of input.customers) statements.push(upsertCustomerStatement(db, shopId, c, now));
  for (const o of input.orders) {
    // The order's own email, else its customer's from the same import (a backfill finds the rest).
    const email = o.email || (o.customerId ? customerEmails.get(o.customerId) : undefined);
    statements.push(upsertOrderStatement(db, shopId, o, { now, emailHmac: email && emailKey ? await emailKey.hash(email) : null }));
  }
  for (let i = 0; i < statements.length; i += CHUNK) await db.batch(statements.slice(i, i + CHUNK));
}

const PUBLIC_COLUMNS = 'number, customer_id, data';

/** The customer's orders, newest first. */
export async function ordersOfCustomer(db: D1Database, shopId: string, customerId: string, limit: number): Promise<OrderRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM orders WHERE shop_id = ? AND customer_id = ?
       ORDER BY placed_at IS NULL, placed_at DESC, updated_at DESC LIMIT ?`,
    )
    .bind(shopId, customerId, limit)
    .all<OrderRow>();
  return results.map(fromRow);
}

/**
 * One order of this customer by any spelling of its number. An exact key wins; otherwise the
 * digits must name exactly one of the customer's orders. Someone else's order is simply not found.
 */
export async function orderOfCustomer(db: D1Database, shopId: string, customerId: string, number: string): Promise<OrderRecord | null> {
  const key = orderNumberKey(number);
  if (!key) return null;
  const exact = await db
    .prepare(`SELECT ${PUBLIC_COLUMNS} FROM orders WHERE shop_id = ? AND customer_id = ? AND number_key = ?`)
    .bind(shopId, customerId, key)
    .first<OrderRow>();
  if (exact) return fromRow(exact);
  const digits = orderNumberDigits(number);
  if (digits.length < 3) return null;
  const { results } = await db
    .prepare(`SELECT ${PUBLIC_COLUMNS} FROM orders WHERE shop_id = ? AND customer_id = ? AND number_digits = ? LIMIT 2`)
    .bind(shopId, customerId, digits)
    .all<OrderRow>();
  return results.length === 1 ? fromRow(results[0]) : null;
}

/** Agent view: the full records, personal fields included. Never used by chat. */
export async function ordersForAgent(db: D1Database, shopId: string, customerId: string, limit = 50) {
  const { results } = await db
    .prepare(
      `SELECT number, customer_id, data, private_data FROM orders WHERE shop_id = ? AND customer_id = ?
       ORDER BY placed_at IS NULL, placed_at DESC LIMIT ?`,
    )
    .bind(shopId, customerId, limit)
    .all<OrderRow & { private_data: string | null }>();
  return results.map((r) => ({ ...fromRow(r), ...(r.private_data ? (JSON.parse(r.private_data) as PrivateOrderData) : {}) }));
}

export async function countOrders(db: D1Database, shopId: string) {
  const row = await db
    .prepare('SELECT (SELECT COUNT(*) FROM orders WHERE shop_id = ?1) AS orders, (SELECT COUNT(*) FROM customers WHERE shop_id = ?1) AS customers')
    .bind(shopId)
    .first<{ orders: number; customers: number }>();
  return row ?? { orders: 0, customers: 0 };
}

/** Names of the shop's customers (the demo sign-in list); no personal fields. */
export async function listCustomerNames(db: D1Database, shopId: string, limit = 100) {
  const { results } = await db
    .prepare('SELECT id, name FROM customers WHERE shop_id = ? ORDER BY id LIMIT ?')
    .bind(shopId, limit)
    .all<{ id: string; name: string | null }>();
  return results.map((r) => ({ id: r.id, name: r.name ?? r.id }));
}

/** The customer's display name, or null when the shop has no such customer. */
export async function findCustomerName(db: D1Database, shopId: string, customerId: string): Promise<{ name: string | null } | null> {
  return db.prepare('SELECT name FROM customers WHERE shop_id = ? AND id = ?').bind(shopId, customerId).first<{ name: string | null }>();
}
