-- Handoff tickets, their event outbox and every webhook delivery attempt.

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL,
  -- The primary category; with conversation_id it is the dedupe key while the ticket is open.
  category TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'resolved')),
  assignee TEXT,
  customer_id TEXT,
  -- The full Ticket (shared/ticket.ts) as JSON, validated before it is written.
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One open or pending ticket per conversation and category: a repeated request finds the same ticket.
-- Once resolved, the same request may open a new one.
CREATE UNIQUE INDEX tickets_open_dedupe ON tickets(shop_id, conversation_id, category) WHERE status IN ('open', 'pending');
CREATE INDEX tickets_shop_created ON tickets(shop_id, created_at);

-- Transactional outbox: an event row is written in the same batch as the ticket change,
-- so no event is lost if the queue send fails (the cron sweep re-sends it).
CREATE TABLE outbox_events (
  id TEXT PRIMARY KEY,                 -- evt_..., the webhook-id on every attempt
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  type TEXT NOT NULL,                  -- ticket.created | ticket.updated
  ticket_id TEXT NOT NULL,
  -- The TicketWebhookPayload as of the event, so retries send identical bytes.
  payload TEXT NOT NULL,
  -- pending: not yet accepted by every endpoint; delivered; dead (gave up); skipped (no endpoint).
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'skipped')),
  -- Last successful queue send; NULL means never sent or the send failed.
  queued_at TEXT,
  send_attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_events_sweep ON outbox_events(status, queued_at, created_at);
CREATE INDEX outbox_events_ticket ON outbox_events(shop_id, ticket_id);

-- One row per attempt per endpoint (and one 'dead' row per endpoint that never accepted).
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  -- delivered | failed | disabled (410) | dead
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'disabled', 'dead')),
  status_code INTEGER,
  latency_ms INTEGER,
  error TEXT,
  next_retry_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id, endpoint_id, outcome);
CREATE INDEX webhook_deliveries_shop ON webhook_deliveries(shop_id, created_at);
