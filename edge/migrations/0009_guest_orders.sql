-- Guest order help (issue 20): orders without a customer, found by order number plus email.

-- D1 cannot drop a NOT NULL constraint in place: the orders table is rebuilt with
-- customer_id nullable (NULL = a guest checkout) and the email HMAC column. Nothing references
-- orders (no foreign key, trigger or FTS table), so a copy, drop and rename keeps every row.
CREATE TABLE orders_rebuilt (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  -- Normalised order number: upper case, letters and digits only ("#nw-10042" -> "NW10042").
  number_key TEXT NOT NULL,
  -- Digits of the number, so "10042" also finds "NW-10042" among the customer's own orders.
  number_digits TEXT NOT NULL,
  -- The number as the shop shows it.
  number TEXT NOT NULL,
  -- NULL for a guest checkout: no customer token can ever name such an order.
  customer_id TEXT,
  stage TEXT NOT NULL,
  placed_at TEXT,
  -- JSON: the public part of the order (items, fulfilments, status, totals).
  data TEXT NOT NULL,
  -- JSON: shipping address, payment summary and the order's email, for agents (and the one-time code mail) only.
  private_data TEXT,
  -- The platform's own update time; an older webhook never overwrites a newer state.
  source_updated_at TEXT,
  updated_at TEXT NOT NULL,
  -- base64url HMAC-SHA256 of the normalised order email under the shop's order-email key
  -- (order_email_keys). The only email column the chat path reads.
  email_hmac TEXT,
  PRIMARY KEY (shop_id, number_key)
);
INSERT INTO orders_rebuilt (shop_id, number_key, number_digits, number, customer_id, stage, placed_at, data, private_data, source_updated_at, updated_at)
  SELECT shop_id, number_key, number_digits, number, customer_id, stage, placed_at, data, private_data, source_updated_at, updated_at FROM orders;
DROP TABLE orders;
ALTER TABLE orders_rebuilt RENAME TO orders;
CREATE INDEX orders_shop_customer ON orders(shop_id, customer_id, placed_at);
CREATE INDEX orders_shop_email ON orders(shop_id, email_hmac);

-- Per-shop key for order email HMACs: 32 random bytes, AES-GCM sealed with AISLE_SECRET_KEY.
-- Deliberately not the identity secret, whose rotation would break every stored match.
CREATE TABLE order_email_keys (
  shop_id TEXT PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
  sealed_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- A guest's access to ONE order, bound to the conversation secret (only its SHA-256 is stored).
CREATE TABLE guest_grants (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  number_key TEXT NOT NULL,
  -- The order number as the shop shows it (from the store or the merchant's endpoint).
  order_number TEXT NOT NULL,
  -- 'store' (imported or webhook orders) or 'endpoint' (the merchant's live order endpoint).
  source TEXT NOT NULL CHECK (source IN ('store', 'endpoint')),
  -- For 'endpoint' only: HMAC-SHA256(identity secret, normalised email), sent again on each read.
  endpoint_email_hmac TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX guest_grants_conversation ON guest_grants(conversation_id, expires_at);
CREATE INDEX guest_grants_shop_created ON guest_grants(shop_id, created_at);
CREATE INDEX guest_grants_shop_order ON guest_grants(shop_id, number_key);

-- Failed verification attempts per scope: 'client' (hashed IP), 'conversation', 'order' (number key).
CREATE TABLE guest_attempts (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('client', 'conversation', 'order')),
  key TEXT NOT NULL,
  window_start TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, scope, key)
);
CREATE INDEX guest_attempts_shop_updated ON guest_attempts(shop_id, updated_at);

-- One-time codes (optional second factor), stored as HMAC-SHA256 under the shop's order-email key.
CREATE TABLE guest_codes (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  number_key TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX guest_codes_conversation ON guest_codes(conversation_id, created_at);
CREATE INDEX guest_codes_shop_order ON guest_codes(shop_id, number_key, created_at);

-- Messages written while a guest grant was in force: returned only with that grant's secret
-- while it lasts, redacted after.
ALTER TABLE messages ADD COLUMN guest_grant_id TEXT;
