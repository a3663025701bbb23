/**
 * Every D1 table, and what retention (`runRetention`) and customer deletion
 * (`DELETE /customers/:id`, deleteCustomerData) do with it. A new table must be added here:
 * test/edge/shops/tables.test.ts lists the tables in the database and fails when one is
 * missing, so nobody adds a table that silently outlives the shop's retention or an erasure.
 */
export interface TableFate {
  /** What the daily retention job does with old rows. */
  retention: string;
  /** What deleting one customer's data does with their rows. */
  deletion: string;
}

export const TABLE_FATES: Record<string, TableFate> = {
  shops: { retention: 'kept: configuration', deletion: 'not customer data' },
  shop_keys: { retention: 'kept: credentials (hashes)', deletion: 'not customer data' },
  webhook_endpoints: { retention: 'kept: configuration', deletion: 'not customer data' },
  conversations: { retention: 'deleted by last activity', deletion: 'deleted' },
  messages: { retention: 'deleted by age', deletion: 'deleted with their conversation' },
  audit_events: { retention: 'deleted by age', deletion: 'customer id nulled, their words replaced' },
  usage_daily: { retention: 'kept: counters without personal data', deletion: 'not customer data' },
  products: { retention: 'kept: catalog', deletion: 'not customer data' },
  products_fts: { retention: 'kept: catalog index', deletion: 'not customer data' },
  catalog_terms: { retention: 'kept: catalog index', deletion: 'not customer data' },
  catalog_staging: { retention: 'kept: import staging, emptied by each import', deletion: 'not customer data' },
  policy_documents: { retention: 'kept: shop policies', deletion: 'not customer data' },
  policy_passages: { retention: 'kept: shop policies', deletion: 'not customer data' },
  policy_fts: { retention: 'kept: policy index', deletion: 'not customer data' },
  policy_terms: { retention: 'kept: policy index', deletion: 'not customer data' },
  customers: { retention: 'kept: mirrored from the shop platform', deletion: 'deleted' },
  orders: { retention: 'kept: mirrored from the shop platform', deletion: 'deleted' },
  order_webhook_receipts: { retention: 'deleted by age', deletion: 'not customer data (delivery ids)' },
  order_webhook_secrets: { retention: 'kept: configuration', deletion: 'not customer data' },
  tickets: { retention: "kept: the merchant's books", deletion: 'customer id, name, email and words replaced' },
  outbox_events: { retention: 'deleted by age once delivered or dead', deletion: 'ticket copy scrubbed' },
  webhook_deliveries: { retention: 'deleted by age', deletion: 'not customer data (attempt log)' },
  // Added by 0006_seams.sql.
  people_sessions: { retention: 'deleted once expired', deletion: "not customer data (agents' and merchants' sessions)" },
  mail_outbox: { retention: 'deleted by age once sent or dead', deletion: 'deleted (by customer id or their address)' },
  // Added by 0009_guest_orders.sql.
  order_email_keys: { retention: 'kept: configuration (the key order email HMACs are made with)', deletion: 'not customer data' },
  guest_grants: { retention: 'deleted once expired', deletion: 'deleted with the orders they open (by customer id or by email)' },
  guest_attempts: { retention: 'deleted a day after the last attempt', deletion: "deleted with the order's counter (by customer id or by email)" },
  guest_codes: { retention: 'deleted a day after they were made', deletion: 'deleted with the orders they were for (by customer id or by email)' },
  // Added by 0008_console.sql.
  metric_rollups: { retention: 'kept 90 days by the rollup itself: counters without personal data', deletion: 'not customer data (counters)' },
  test_questions: { retention: "kept: the merchant's test cases", deletion: 'deleted when run as that customer' },
  test_runs: { retention: 'deleted by age', deletion: 'deleted when a case ran as that customer' },
  knowledge_gaps: { retention: 'deleted by age (redacted shopper questions)', deletion: 'deleted (by customer id or their conversations)' },
  // Added by 0007_agent_workspace.sql.
  agent_profiles: { retention: "kept: agents' display names and emails, deleted with their key's shop", deletion: 'not customer data (agents)' },
  ticket_notes: { retention: 'deleted by age (they may quote the shopper)', deletion: 'deleted (on their tickets and conversations)' },
  live_tickets: { retention: 'deleted once expired', deletion: 'deleted with their conversations' },
  csat_ratings: { retention: 'comment removed by age, the rating kept for the metrics', deletion: 'deleted (by customer id or their conversations)' },
  agent_notices: { retention: 'deleted by age', deletion: 'deleted with their conversations' },
  // Added by 0011_assisted_drafts.sql.
  assisted_drafts: { retention: 'deleted by age (the shopper question and the held reply)', deletion: 'deleted (by customer id or their conversations)' },
};

/** FTS5 keeps shadow tables next to each virtual table; they live and die with it. */
export const isShadowTable = (name: string) => /_(data|idx|docsize|config|content)$/.test(name) && name.includes('_fts');
