import { normaliseEmail, type OrderEmailKey } from '../orders/email-hash';
import { GUEST_ACCESS_STATEMENTS, deleteCustomerData, guestAccessOfOrders, scrubAudit, scrubTicket } from '../shops/customer-data';

export interface DeletedByEmail {
  /** Orders whose email matched (guest checkouts and customers' orders alike). */
  orders: number;
  /** Guest conversations that were verified on one of those orders, with their messages. */
  conversations: number;
  messages: number;
  tickets: number;
  auditRecords: number;
  /** Guest grants, one-time codes and attempt counters of those orders. */
  guestAccess: number;
  /** Mails to that address (one-time codes), whatever their state. */
  mail: number;
  /** Customer records with that email, erased as `DELETE /customers/:id` would. */
  customers: number;
}

/**
 * Erases what the shop holds under one email address: the orders stored with it (found by the
 * email HMAC, so the address itself is never compared in plain text), the guest conversations
 * that verified one of them, their grants and codes, and any customer record with that email.
 * Grant-keyed rows go in one batch, before the orders their subqueries read.
 */
export async function deleteDataByEmail(db: D1Database, shopId: string, email: string, key: OrderEmailKey): Promise<DeletedByEmail> {
  const hmac = await key.hash(email);
  const theirOrders = 'SELECT number_key FROM orders WHERE shop_id = ? AND email_hmac = ?';
  const theirConversations = `SELECT conversation_id FROM guest_grants WHERE shop_id = ? AND number_key IN (${theirOrders})`;
  const conv = [shopId, shopId, hmac];
  const theirTickets = `SELECT id FROM tickets WHERE shop_id = ? AND conversation_id IN (${theirConversations})`;
  const results = await db.batch([
    // Assisted mode's held replies (0011) in their conversations, first, while the grants still find them.
    db.prepare(`DELETE FROM assisted_drafts WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, ...conv),
    db.prepare(`UPDATE outbox_events SET payload = ${scrubTicket('payload', '.data')} WHERE shop_id = ? AND ticket_id IN (${theirTickets})`).bind(shopId, shopId, ...conv),
    db.prepare(`UPDATE tickets SET customer_id = NULL, data = ${scrubTicket('data', '')} WHERE shop_id = ? AND id IN (${theirTickets})`).bind(shopId, shopId, ...conv),
    db.prepare(`UPDATE audit_events SET customer_id = NULL, data = ${scrubAudit} WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, ...conv),
    db.prepare(`DELETE FROM messages WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, ...conv),
    db.prepare(`DELETE FROM conversations WHERE shop_id = ? AND customer_id IS NULL AND id IN (${theirConversations})`).bind(shopId, ...conv),
    ...guestAccessOfOrders(db, shopId, theirOrders, [shopId, hmac]),
    db.prepare('DELETE FROM orders WHERE shop_id = ? AND email_hmac = ?').bind(shopId, hmac),
    // One-time code mails went to the normalised address that matched (edge/src/guest/codes.ts).
    db.prepare('DELETE FROM mail_outbox WHERE shop_id = ? AND lower(to_address) = ?').bind(shopId, normaliseEmail(email)),
  ]);
  // results[0] is the held replies statement; the counts below are shifted by one.
  const changes = (i: number) => results[i + 1].meta.changes ?? 0;
  const out: DeletedByEmail = {
    tickets: changes(1),
    auditRecords: changes(2),
    messages: changes(3) + changes(5),
    conversations: changes(4),
    guestAccess: changes(6) + changes(7) + changes(8),
    orders: changes(5 + GUEST_ACCESS_STATEMENTS),
    mail: changes(6 + GUEST_ACCESS_STATEMENTS),
    customers: 0,
  };
  // Customer records keep their email in plain text (for agents): erased the usual way.
  const { results: customers } = await db
    .prepare('SELECT id, email FROM customers WHERE shop_id = ? AND email IS NOT NULL')
    .bind(shopId)
    .all<{ id: string; email: string }>();
  const wanted = normaliseEmail(email);
  for (const c of customers.filter((c) => normaliseEmail(c.email) === wanted)) {
    const d = await deleteCustomerData(db, shopId, c.id);
    out.customers += d.customers;
    out.orders += d.orders;
    out.conversations += d.conversations;
    out.messages += d.messages;
    out.tickets += d.tickets;
    out.auditRecords += d.auditRecords;
    out.mail += d.mail;
  }
  return out;
}

/**
 * One-off backfill: orders stored before migration 0009 (or imported without the key) get their
 * email HMAC from the order's own email, else their customer's. Returns how many were updated.
 */
export async function backfillEmailHmacs(db: D1Database, shopId: string, key: OrderEmailKey, limit = 500): Promise<{ updated: number; remaining: number }> {
  const { results } = await db
    .prepare(
      `SELECT o.number_key AS number_key, COALESCE(json_extract(o.private_data, '$.email'), c.email) AS email
       FROM orders o LEFT JOIN customers c ON c.shop_id = o.shop_id AND c.id = o.customer_id
       WHERE o.shop_id = ? AND o.email_hmac IS NULL AND COALESCE(json_extract(o.private_data, '$.email'), c.email) IS NOT NULL
       LIMIT ?`,
    )
    .bind(shopId, limit)
    .all<{ number_key: string; email: string }>();
  const statements = [];
  for (const r of results) {
    statements.push(db.prepare('UPDATE orders SET email_hmac = ? WHERE shop_id = ? AND number_key = ? AND email_hmac IS NULL').bind(await key.hash(r.email), shopId, r.number_key));
  }
  let updated = 0;
  for (let i = 0; i < statements.length; i += 100) {
    for (const res of await db.batch(statements.slice(i, i + 100))) updated += res.meta.changes ?? 0;
  }
  const left = await db
    .prepare(
      `SELECT COUNT(*) AS n FROM orders o LEFT JOIN customers c ON c.shop_id = o.shop_id AND c.id = o.customer_id
       WHERE o.shop_id = ? AND o.email_hmac IS NULL AND COALESCE(json_extract(o.private_data, '$.email'), c.email) IS NOT NULL`,
    )
    .bind(shopId)
    .first<{ n: number }>();
  return { updated, remaining: left?.n ?? 0 };
}
