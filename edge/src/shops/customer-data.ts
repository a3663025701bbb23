/** Placeholder written where a customer's own words or name stood. */
export const REDACTED = '[deleted]';

export interface DeletedCustomerData {
  conversations: number;
  messages: number;
  tickets: number;
  auditRecords: number;
  orders: number;
  customers: number;
  /** Mail outbox rows deleted (added in v1.1; recorded in the audit trail, not in the API response). */
  mail: number;
}

/**
 * Erases what this shop holds about one customer (a data-subject request), in one D1 batch
 * so a failure leaves nothing half-deleted:
 * - their conversations and every message in them (a ticket's transcript is that conversation);
 * - tickets keep their category, status and order facts for the merchant's books, but the
 *   customer's id, name and email become null and their words (summary, latest message, the
 *   draft reply that greets them by name) are replaced, in the ticket and in queued webhook payloads;
 * - audit records keep what the assistant did, with the customer id nulled and the shopper's
 *   message, the sent reply and tool inputs replaced;
 * - their customer and order rows;
 * - mail queued or sent about them (by customer id, or to the address their customer row has).
 *
 * Everything is matched on shop_id first: the same customer id in another shop is untouched.
 * Subqueries instead of id lists keep every statement within D1's bound-parameter limit.
 */
export async function deleteCustomerData(db: D1Database, shopId: string, customerId: string): Promise<DeletedCustomerData> {
  const theirConversations = 'SELECT id FROM conversations WHERE shop_id = ? AND customer_id = ?';
  const theirTickets = `SELECT id FROM tickets WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (${theirConversations}))`;
  const ticketArgs = [shopId, customerId, shopId, customerId];
  // `prefix` is where the Ticket sits in the JSON column: the row itself, or `.data` in a webhook payload.
  const scrubTicket = (column: string, prefix: string) =>
    `json_set(${column}, '$${prefix}.customer.id', NULL, '$${prefix}.customer.name', NULL, '$${prefix}.customer.email', NULL,
      '$${prefix}.summary', '${REDACTED}', '$${prefix}.latestMessage', '${REDACTED}', '$${prefix}.suggestedReply', '${REDACTED}')`;

  const results = await db.batch([
    // Webhook payloads not yet delivered carry a copy of the ticket; scrubbed before the tickets
    // themselves, while `theirTickets` still finds them by customer id.
    db
      .prepare(`UPDATE outbox_events SET payload = ${scrubTicket('payload', '.data')} WHERE shop_id = ? AND ticket_id IN (${theirTickets})`)
      .bind(shopId, ...ticketArgs),
    db
      .prepare(`UPDATE tickets SET customer_id = NULL, data = ${scrubTicket('data', '')} WHERE shop_id = ? AND id IN (${theirTickets})`)
      .bind(shopId, ...ticketArgs),
    db
      .prepare(
        `UPDATE audit_events SET customer_id = NULL,
           data = json_replace(data, '$.message', '${REDACTED}', '$.sent', '${REDACTED}', '$.input', '${REDACTED}', '$.blockedPromise', '${REDACTED}',
             '$.toolCalls', json((SELECT json_group_array(json(json_remove(value, '$.input'))) FROM json_each(data, '$.toolCalls'))))
         WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (${theirConversations}))`,
      )
      .bind(shopId, customerId, shopId, customerId),
    db.prepare(`DELETE FROM messages WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, shopId, customerId),
    db.prepare('DELETE FROM conversations WHERE shop_id = ? AND customer_id = ?').bind(shopId, customerId),
    db.prepare('DELETE FROM orders WHERE shop_id = ? AND customer_id = ?').bind(shopId, customerId),
    // Before the customer row goes: its email finds mail sent to them without a customer id.
    db
      .prepare(
        `DELETE FROM mail_outbox WHERE shop_id = ? AND (customer_id = ?
           OR lower(to_address) IN (SELECT lower(email) FROM customers WHERE shop_id = ? AND id = ? AND email IS NOT NULL))`,
      )
      .bind(shopId, customerId, shopId, customerId),
    db.prepare('DELETE FROM customers WHERE shop_id = ? AND id = ?').bind(shopId, customerId),
  ]);
  const changes = (i: number) => results[i].meta.changes ?? 0;
  return {
    tickets: changes(1),
    auditRecords: changes(2),
    messages: changes(3),
    conversations: changes(4),
    orders: changes(5),
    customers: changes(7),
    mail: changes(6),
  };
}
