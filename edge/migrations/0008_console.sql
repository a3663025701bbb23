-- Merchant console (issue 19): metric rollups and test questions with their run history.

-- Daily aggregates per shop, day (in the shop's time zone) and metric. The daily cron recomputes
-- the last 7 days with one upsert per row, so a late CSAT or resolution lands in its day and a
-- second run writes nothing new. Counters only, no personal data: kept 90 days, whatever the
-- shop's retentionDays (the raw rows they were counted from go by retentionDays).
CREATE TABLE metric_rollups (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  day TEXT NOT NULL,        -- YYYY-MM-DD in the shop's support.timeZone
  metric TEXT NOT NULL,     -- e.g. turns, handoffs, handoff_source:gate, fallback:no_product_match
  value INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, day, metric)
);

-- Test questions the merchant writes: { question, as, expect } as JSON (shared/console.ts).
CREATE TABLE test_questions (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  -- 'guest' or a customer id (signed on the server when the case runs).
  as_who TEXT NOT NULL,
  expect TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX test_questions_shop ON test_questions(shop_id, created_at);

-- One row per run of a shop's test questions: the results of every case, kept as history.
CREATE TABLE test_runs (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  engine TEXT NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  tokens INTEGER NOT NULL DEFAULT 0,
  -- JSON array of { caseId, question, as, expect, pass, reasons, reply, productIds, handoff }.
  results TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX test_runs_shop ON test_runs(shop_id, created_at);
CREATE INDEX test_questions_shop_as ON test_questions(shop_id, as_who);

-- Knowledge gaps: shopper questions that ended with no product match, missing policy content or
-- another fallback, one row per turn, stored redacted (emails, phones and order numbers removed).
-- gap_key groups similar wording (the stemmed content words, sorted). Raw rows: they follow
-- retentionDays, and customer deletion removes the customer's.
CREATE TABLE knowledge_gaps (
  turn_id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  conversation_id TEXT,
  customer_id TEXT,
  gap_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX knowledge_gaps_shop ON knowledge_gaps(shop_id, created_at);
CREATE INDEX knowledge_gaps_customer ON knowledge_gaps(shop_id, customer_id);
