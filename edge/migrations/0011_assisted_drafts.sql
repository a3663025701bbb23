-- Assisted mode (issue 19): a guarded reply held for a person to approve or edit.
-- One row per held turn. `parts` is the reply exactly as the guard released it (never shown to
-- the shopper until approved); `sent_text` is what was finally sent (an edit, or the draft).
CREATE TABLE assisted_drafts (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL,
  turn_id TEXT NOT NULL,
  customer_id TEXT,
  answer_class TEXT NOT NULL CHECK (answer_class IN ('product', 'policy', 'order', 'other')),
  locale TEXT NOT NULL,
  -- The shopper's message (for the agent, and for the ticket a timed-out draft becomes).
  question TEXT NOT NULL,
  -- The turn's identity (level, customer id; a guest grant id), for that ticket.
  identity TEXT NOT NULL,
  parts TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'edited', 'timed_out')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  decided_by_name TEXT,
  sent_text TEXT,
  message_id TEXT,
  ticket_id TEXT
);
CREATE INDEX assisted_drafts_pending ON assisted_drafts (shop_id, status, created_at);
CREATE INDEX assisted_drafts_expiry ON assisted_drafts (status, expires_at);
CREATE INDEX assisted_drafts_conversation ON assisted_drafts (shop_id, conversation_id);
