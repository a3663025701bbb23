-- Wave 2 seams (issue 12): conversation state and secret, people sessions, mail outbox,
-- ticket short reference, message authors.

-- Who answers the shopper now: the assistant, nobody yet (handed off, waiting for a person),
-- or a person (agent). Existing conversations are the assistant's.
ALTER TABLE conversations ADD COLUMN state TEXT NOT NULL DEFAULT 'assistant' CHECK (state IN ('assistant', 'handed_off', 'agent'));
-- How the conversation is protected:
--   legacy: started before this migration; readable by its id until retention removes it, never continued;
--   open:   started by a v1.0 client that did not ask for a secret (v1.0 behaviour, deprecated);
--   secret: started with a server-issued secret; every read and write about it needs the secret.
-- The DEFAULT applies to the rows that exist now; new rows always name their mode.
ALTER TABLE conversations ADD COLUMN access TEXT NOT NULL DEFAULT 'legacy' CHECK (access IN ('legacy', 'open', 'secret'));
-- SHA-256 of the conversation secret (only for access = 'secret'); the secret itself is never stored.
ALTER TABLE conversations ADD COLUMN secret_hash TEXT;

-- Who wrote an assistant-role message when it was not the assistant: JSON MessageAuthor, NULL otherwise.
ALTER TABLE messages ADD COLUMN author TEXT;

-- Short human reference (XXXX-XXXX, Crockford base32), unique per shop. Existing tickets get one
-- derived from their rowid: hex digits are all in the alphabet and rowids are unique, so the
-- backfill cannot collide; new references are random and retried on a collision.
ALTER TABLE tickets ADD COLUMN reference TEXT;
UPDATE tickets SET reference = substr(printf('%08X', rowid), 1, 4) || '-' || substr(printf('%08X', rowid), 5, 4) WHERE reference IS NULL;
CREATE UNIQUE INDEX tickets_shop_reference ON tickets(shop_id, reference);

-- Sessions for people (agents and merchants) signed in with a key. Only the SHA-256 of the
-- random session id is stored; the cookie holds the id. A session dies with its key.
CREATE TABLE people_sessions (
  id_hash TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  key_id TEXT NOT NULL REFERENCES shop_keys(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'agent')),
  -- SHA-256 of the CSRF token handed out at sign-in (sent back in x-aisle-csrf).
  csrf_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  -- Absolute expiry; the idle expiry is last_seen_at + the idle window.
  expires_at TEXT NOT NULL
);
CREATE INDEX people_sessions_shop ON people_sessions(shop_id, key_id);
CREATE INDEX people_sessions_expiry ON people_sessions(expires_at);

-- Mail outbox: a message is written here first, then the queue sends it (idempotent on id).
CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,                 -- mail_..., also the Message-ID's local part
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  -- The customer the message is about, when there is one (customer deletion finds it by this).
  customer_id TEXT,
  to_address TEXT NOT NULL,
  from_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT,
  -- JSON object of extra headers (validated: no CR or LF anywhere).
  headers TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  provider_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX mail_outbox_shop ON mail_outbox(shop_id, created_at);
CREATE INDEX mail_outbox_customer ON mail_outbox(shop_id, customer_id);
CREATE INDEX mail_outbox_status ON mail_outbox(status, created_at);
