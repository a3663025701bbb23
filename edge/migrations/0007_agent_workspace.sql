-- Issue 16, the agent workspace: agent profiles, internal notes, ticket versions and response
-- times, conversation ownership, live subscribe tickets, reply emails and CSAT.

-- A display name and email per agent key. The name is shown to shoppers next to the agent's
-- replies; the email receives assignment notices (never ticket content).
CREATE TABLE agent_profiles (
  key_id TEXT PRIMARY KEY REFERENCES shop_keys(id) ON DELETE CASCADE,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  email TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX agent_profiles_shop ON agent_profiles(shop_id);

-- Internal notes on a ticket: written by agents, or by the gate when a money request arrives
-- while the ticket is open (author_key_id NULL). Never shown to the shopper.
CREATE TABLE ticket_notes (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  ticket_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  author_key_id TEXT,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ticket_notes_ticket ON ticket_notes(shop_id, ticket_id, created_at);
CREATE INDEX ticket_notes_conversation ON ticket_notes(shop_id, conversation_id);
CREATE INDEX ticket_notes_created ON ticket_notes(shop_id, created_at);

-- Optimistic concurrency: every change bumps version; the API answers it as an ETag and a
-- write with a stale If-Match is a 412.
ALTER TABLE tickets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tickets ADD COLUMN first_response_at TEXT;
ALTER TABLE tickets ADD COLUMN resolved_at TEXT;
-- The shop's draft reply, edited in the workspace (the ticket JSON keeps the generated one).
ALTER TABLE tickets ADD COLUMN draft_reply TEXT;
CREATE INDEX tickets_shop_status ON tickets(shop_id, status, created_at);

-- Who owns the conversation while state = 'agent', since when, and the last agent message
-- (support.ownershipTimeout counts from the later of the two).
ALTER TABLE conversations ADD COLUMN owner_key_id TEXT;
ALTER TABLE conversations ADD COLUMN owned_at TEXT;
ALTER TABLE conversations ADD COLUMN last_agent_message_at TEXT;
-- The last time a shopper's live channel was open (reply emails go only to shoppers who left).
ALTER TABLE conversations ADD COLUMN last_seen_live_at TEXT;
-- The last "you have a reply" email (at most one per conversation per hour).
ALTER TABLE conversations ADD COLUMN last_reply_email_at TEXT;
CREATE INDEX conversations_shop_state ON conversations(shop_id, state);

-- Single-use subscribe tickets for the live channel (WebSocket): only the SHA-256 of the random
-- ticket is stored, bound to shop, conversation (or the shop inbox) and identity; about 60 s.
CREATE TABLE live_tickets (
  id_hash TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  -- 'conversation' (a shopper's widget) or 'inbox' (an agent's workspace).
  scope TEXT NOT NULL CHECK (scope IN ('conversation', 'inbox')),
  conversation_id TEXT,
  -- Who may use it: 'customer:<id>', 'guest', or 'session:<key id>'.
  identity TEXT NOT NULL,
  -- When the identity behind it ends (token exp, session expiry): the socket closes then.
  identity_expires_at TEXT,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX live_tickets_expiry ON live_tickets(expires_at);
CREATE INDEX live_tickets_conversation ON live_tickets(shop_id, conversation_id);

-- One rating per resolved ticket (UNIQUE ticket_id). The comment is the shopper's words:
-- deleted with the conversation's retention and with the customer.
CREATE TABLE csat_ratings (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  ticket_id TEXT NOT NULL UNIQUE,
  conversation_id TEXT NOT NULL,
  customer_id TEXT,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX csat_ratings_shop ON csat_ratings(shop_id, created_at);
CREATE INDEX csat_ratings_conversation ON csat_ratings(shop_id, conversation_id);
CREATE INDEX csat_ratings_customer ON csat_ratings(shop_id, customer_id);

-- In-app notices for agents (assigned, forwarded with a note): shown in the workspace.
CREATE TABLE agent_notices (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  key_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  conversation_id TEXT,
  kind TEXT NOT NULL,
  -- The forwarding agent's note (agent words about the ticket, not shopper data).
  note TEXT,
  from_key_id TEXT,
  read_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX agent_notices_key ON agent_notices(shop_id, key_id, created_at);
CREATE INDEX agent_notices_conversation ON agent_notices(shop_id, conversation_id);
