-- Indexes for the daily retention job and for deleting one customer's data.

-- Retention deletes a shop's messages by age, in chunks.
CREATE INDEX IF NOT EXISTS messages_shop_created ON messages(shop_id, created_at);
-- Customer deletion finds a customer's tickets and audit records within one shop.
CREATE INDEX IF NOT EXISTS tickets_shop_customer ON tickets(shop_id, customer_id);
CREATE INDEX IF NOT EXISTS tickets_shop_conversation ON tickets(shop_id, conversation_id);
CREATE INDEX IF NOT EXISTS audit_events_customer ON audit_events(shop_id, customer_id);
