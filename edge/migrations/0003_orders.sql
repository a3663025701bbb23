-- Verified customers and their orders. Personal fields (email, phone, address,
-- payment) are kept for the merchant's agents; no chat path ever selects them.

CREATE TABLE customers (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT,
  email TEXT,
  phone TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, id)
);

CREATE TABLE orders (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  -- Normalised order number: upper case, letters and digits only ("#nw-10042" -> "NW10042").
  number_key TEXT NOT NULL,
  -- Digits of the number, so "10042" also finds "NW-10042" among the customer's own orders.
  number_digits TEXT NOT NULL,
  -- The number as the shop shows it.
  number TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  placed_at TEXT,
  -- JSON: the public part of the order (items, fulfilments, status, totals).
  data TEXT NOT NULL,
  -- JSON: shipping address and payment summary, for agents only.
  private_data TEXT,
  -- The platform's own update time; an older webhook never overwrites a newer state.
  source_updated_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, number_key)
);
CREATE INDEX orders_shop_customer ON orders(shop_id, customer_id, placed_at);

-- Platform webhook deliveries already applied (Shopify X-Shopify-Webhook-Id, WooCommerce delivery id).
CREATE TABLE order_webhook_receipts (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  platform TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, platform, delivery_id)
);
CREATE INDEX order_webhook_receipts_received ON order_webhook_receipts(shop_id, received_at);

-- Per-shop platform webhook secrets, AES-GCM sealed with AISLE_SECRET_KEY.
CREATE TABLE order_webhook_secrets (
  shop_id TEXT NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  platform TEXT NOT NULL CHECK (platform IN ('shopify', 'woocommerce')),
  secret TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (shop_id, platform)
);
