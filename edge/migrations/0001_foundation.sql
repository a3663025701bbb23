-- Aisle schema. Every row that belongs to a shop carries shop_id, and every
-- query filters on it: one deployment serves many shops.

CREATE TABLE shops (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- JSON: widget settings, support hours, expected reply, model, budgets, retention.
  settings TEXT NOT NULL DEFAULT '{}',
  -- JSON array of exact origins allowed to call the shopper endpoints.
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  -- JSON array of { kid, secret (AES-GCM ciphertext), createdAt }; newest first.
  identity_secrets TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Admin and agent keys, stored only as SHA-256 hashes.
CREATE TABLE shop_keys (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'agent')),
  hash TEXT NOT NULL UNIQUE,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX shop_keys_shop ON shop_keys(shop_id, kind);

-- Handoff webhook endpoints; secrets are whsec_ values encrypted with AISLE_SECRET_KEY.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  -- JSON array of encrypted whsec_ secrets; two during rotation.
  secrets TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '["ticket.created"]',
  disabled_at TEXT,
  disabled_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_shop ON webhook_endpoints(shop_id);

-- Conversations: the server owns the history.
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  -- Set when a verified customer first speaks; from then on only they can continue it.
  customer_id TEXT,
  locale TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX conversations_shop_customer ON conversations(shop_id, customer_id);
CREATE INDEX conversations_shop_updated ON conversations(shop_id, updated_at);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  shop_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  -- JSON array of UI message parts (text and data-* parts).
  parts TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);

-- Audit trail: one row per turn, tool call, guard block, handoff and failure.
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  conversation_id TEXT,
  turn_id TEXT,
  kind TEXT NOT NULL,
  customer_id TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX audit_events_conversation ON audit_events(shop_id, conversation_id, created_at);
CREATE INDEX audit_events_created ON audit_events(shop_id, created_at);

-- Per-shop daily usage, for budgets.
CREATE TABLE usage_daily (
  shop_id TEXT NOT NULL,
  day TEXT NOT NULL,
  messages INTEGER NOT NULL DEFAULT 0,
  tokens INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (shop_id, day)
);
