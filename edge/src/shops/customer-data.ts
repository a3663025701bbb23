/** Placeholder written where a customer's own words or name stood. */
export const REDACTED = '[deleted]';

/** SQL that scrubs a Ticket in a JSON column; `prefix` is where it sits: the row itself, or `.data` in a webhook payload. */
export const scrubTicket = (column: string, prefix: string) =>
  `json_set(${column}, '$${prefix}.customer.id', NULL, '$${prefix}.customer.name', NULL, '$${prefix}.customer.email', NULL,
    '$${prefix}.summary', '${REDACTED}', '$${prefix}.latestMessage', '${REDACTED}', '$${prefix}.suggestedReply', '${REDACTED}')`;

/** SQL that keeps what the assistant did in an audit record and replaces the shopper's words. */
export const scrubAudit = `json_replace(data, '$.message', '${REDACTED}', '$.sent', '${REDACTED}', '$.input', '${REDACTED}', '$.blockedPromise', '${REDACTED}', '$.held', '${REDACTED}', '$.draft', '${REDACTED}',
  '$.toolCalls', json((SELECT json_group_array(json(json_remove(value, '$.input'))) FROM json_each(data, '$.toolCalls'))))`;

/** How many statements `guestAccessOfOrders` returns. */
export const GUEST_ACCESS_STATEMENTS = 4;

/**
 * Guest order access to the orders `ordersSql` selects (number keys): replies written under a
 * grant for them (first, counted as messages), their grants, one-time codes and attempt counters.
 */
export function guestAccessOfOrders(db: D1Database, shopId: string, ordersSql: string, args: unknown[]): D1PreparedStatement[] {
  const grants = `SELECT id FROM guest_grants WHERE shop_id = ? AND number_key IN (${ordersSql})`;
  return [
    db.prepare(`DELETE FROM messages WHERE shop_id = ? AND guest_grant_id IN (${grants})`).bind(shopId, shopId, ...args),
    db.prepare(`DELETE FROM guest_codes WHERE shop_id = ? AND number_key IN (${ordersSql})`).bind(shopId, ...args),
    db.prepare(`DELETE FROM guest_attempts WHERE shop_id = ? AND scope = 'order' AND key IN (${ordersSql})`).bind(shopId, ...args),
    db.prepare(`DELETE FROM guest_grants WHERE shop_id = ? AND number_key IN (${ordersSql})`).bind(shopId, ...args),
  ];
}

/** How many statements `agentWorkOf` returns. */
export const AGENT_WORK_STATEMENTS = 5;

/**
 * The agent workspace's rows about this customer (added in v1.1, migration 0007): notes on their
 * tickets and conversations, CSAT ratings with their comments, notices and live subscribe tickets
 * of their conversations. Run before the conversations go, while the subqueries still find them.
 */
function agentWorkOf(db: D1Database, shopId: string, customerId: string, theirConversations: string, theirTickets: string, ticketArgs: unknown[]): D1PreparedStatement[] {
  return [
    db
      .prepare(`DELETE FROM ticket_notes WHERE shop_id = ? AND (ticket_id IN (${theirTickets}) OR conversation_id IN (${theirConversations}))`)
      .bind(shopId, ...ticketArgs, shopId, customerId),
    db
      .prepare(`DELETE FROM csat_ratings WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (${theirConversations}))`)
      .bind(shopId, customerId, shopId, customerId),
    db.prepare(`DELETE FROM agent_notices WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, shopId, customerId),
    db.prepare(`DELETE FROM live_tickets WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, shopId, customerId),
    // Assisted mode's held replies (added in v1.2, 0011): their question and the reply to them.
    db
      .prepare(`DELETE FROM assisted_drafts WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (${theirConversations}))`)
      .bind(shopId, customerId, shopId, customerId),
  ];
}

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
 * - their customer and order rows, and guest grants, one-time codes and attempt counters on those orders;
 * - mail queued or sent about them (by customer id, or to the address their customer row has).
 *
 * Everything is matched on shop_id first: the same customer id in another shop is untouched.
 * Subqueries instead of id lists keep every statement within D1's bound-parameter limit.
 */
export async function deleteCustomerData(db: D1Database, shopId: string, customerId: string): Promise<DeletedCustomerData> {
  const theirConversations = 'SELECT id FROM conversations WHERE shop_id = ? AND customer_id = ?';
  const theirTickets = `SELECT id FROM tickets WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (${theirConversations}))`;
  const ticketArgs = [shopId, customerId, shopId, customerId];

  const results = await db.batch([
    // Knowledge gaps (added in v1.1) are redacted, but still their words: by customer id or their
    // conversations, first, while the conversations still name them.
    db
      .prepare('DELETE FROM knowledge_gaps WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (SELECT id FROM conversations WHERE shop_id = ? AND customer_id = ?))')
      .bind(shopId, customerId, shopId, customerId),
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
           data = ${scrubAudit}
         WHERE shop_id = ? AND (customer_id = ? OR conversation_id IN (${theirConversations}))`,
      )
      .bind(shopId, customerId, shopId, customerId),
    db.prepare(`DELETE FROM messages WHERE shop_id = ? AND conversation_id IN (${theirConversations})`).bind(shopId, shopId, customerId),
    ...agentWorkOf(db, shopId, customerId, theirConversations, theirTickets, ticketArgs),
    db.prepare('DELETE FROM conversations WHERE shop_id = ? AND customer_id = ?').bind(shopId, customerId),
    // Guest access to their orders (grants, codes, counters, replies written under a grant),
    // before the orders these subqueries read. Appended last below so the counts above keep their places.
    ...guestAccessOfOrders(db, shopId, 'SELECT number_key FROM orders WHERE shop_id = ? AND customer_id = ?', [shopId, customerId]),
    db.prepare('DELETE FROM orders WHERE shop_id = ? AND customer_id = ?').bind(shopId, customerId),
    // Before the customer row goes: its email finds mail sent to them without a customer id.
    db
      .prepare(
        `DELETE FROM mail_outbox WHERE shop_id = ? AND (customer_id = ?
           OR lower(to_address) IN (SELECT lower(email) FROM customers WHERE shop_id = ? AND id = ? AND email IS NOT NULL))`,
      )
      .bind(shopId, customerId, shopId, customerId),
    db.prepare('DELETE FROM customers WHERE shop_id = ? AND id = ?').bind(shopId, customerId),
    // Test questions asked as this customer, and the runs whose results answered them (added in v1.1).
    db
      .prepare(`DELETE FROM test_runs WHERE shop_id = ? AND EXISTS (SELECT 1 FROM json_each(results) WHERE json_extract(value, '$.as') = ?)`)
      .bind(shopId, customerId),
    db.prepare('DELETE FROM test_questions WHERE shop_id = ? AND as_who = ?').bind(shopId, customerId),
  ]);
  // results[0] is the knowledge gaps statement; the counts below are shifted by one.
  // The agent workspace statements (AGENT_WORK_STATEMENTS) sit after messages: indexes past 4 shift by them.
  const a = AGENT_WORK_STATEMENTS;
  const changes = (i: number) => results[i + 1 + (i >= 4 ? a : 0)].meta.changes ?? 0;
  const g = GUEST_ACCESS_STATEMENTS;
  return {
    tickets: changes(1),
    auditRecords: changes(2),
    messages: changes(3) + changes(5),
    conversations: changes(4),
    orders: changes(5 + g),
    customers: changes(7 + g),
    mail: changes(6 + g),
  };
}
