import { Hono, type Context } from 'hono';
import { ZodError, type ZodType } from 'zod';
import type { CustomerRecord, OrderRecord } from '../../../shared/order';
import type { AppEnv } from '../env';
import { hmacSha256, timingSafeEqual, toBase64 } from '../lib/crypto';
import { ApiError, invalidRequest } from '../lib/errors';
import { nowIso } from '../lib/ids';
import { bodyLimit } from '../middleware/body-limit';
import { orderEmailKey } from '../orders/email-hash';
import { mapShopifyOrder, ShopifyOrder } from '../orders/shopify';
import { upsertCustomerStatement, upsertOrderStatement } from '../orders/store';
import { getWebhookSecret, type OrderPlatform } from '../orders/webhook-secrets';
import { mapWooOrder, WooOrder } from '../orders/woocommerce';

/**
 * Order webhooks from Shopify and WooCommerce keep the built-in order store current.
 * Each delivery is authenticated with the platform's HMAC over the raw body (the secret set
 * with PUT /order-webhook-secrets); a bad or missing signature writes nothing. A delivery id
 * seen before is acknowledged without being applied again.
 */
export const orderWebhookRoutes = new Hono<AppEnv>();

const MAX_WEBHOOK_BYTES = 1024 * 1024;

interface PlatformSpec<T> {
  platform: OrderPlatform;
  signatureHeader: string;
  deliveryHeader: string;
  topicHeader: string;
  /** Topics that carry an order to store; others are acknowledged and ignored. */
  topics: Set<string>;
  schema: ZodType<T>;
  map(payload: T): { customer: CustomerRecord | null; order: OrderRecord } | null;
  updatedAt(payload: T): string | null;
}

const shopify: PlatformSpec<ShopifyOrder> = {
  platform: 'shopify',
  signatureHeader: 'x-shopify-hmac-sha256',
  deliveryHeader: 'x-shopify-webhook-id',
  topicHeader: 'x-shopify-topic',
  topics: new Set(['orders/create', 'orders/updated', 'orders/fulfilled', 'orders/partially_fulfilled', 'orders/cancelled', 'orders/paid']),
  schema: ShopifyOrder,
  map: mapShopifyOrder,
  updatedAt: (o) => (o.updated_at ? new Date(o.updated_at).toISOString() : null),
};

const woocommerce: PlatformSpec<WooOrder> = {
  platform: 'woocommerce',
  signatureHeader: 'x-wc-webhook-signature',
  deliveryHeader: 'x-wc-webhook-delivery-id',
  topicHeader: 'x-wc-webhook-topic',
  topics: new Set(['order.created', 'order.updated', 'order.restored']),
  schema: WooOrder,
  map: mapWooOrder,
  updatedAt: (o) => (o.date_modified_gmt ? new Date(o.date_modified_gmt.replace(/Z?$/, 'Z')).toISOString() : null),
};

const unauthorized = () => new ApiError('unauthorized', 'Webhook signature missing or not valid');

async function receive<T>(c: Context<AppEnv>, spec: PlatformSpec<T>) {
  const shop = c.get('shop');
  // The signature covers these exact bytes; decode them ourselves whatever the content type says.
  const raw = new TextDecoder().decode(await c.req.arrayBuffer());
  const presented = c.req.header(spec.signatureHeader);
  // WooCommerce pings a new webhook with an unsigned `webhook_id=<n>` form body and will not
  // save the webhook unless it gets a 2xx; nothing is written for it.
  if (spec.platform === 'woocommerce' && !presented && /^webhook_id=\d+$/.test(raw.trim())) return c.json({ ignored: true, reason: 'ping' });

  const secret = await getWebhookSecret(c.env.DB, c.env.AISLE_SECRET_KEY, shop.id, spec.platform);
  if (!secret || !presented) throw unauthorized();
  const expected = toBase64(await hmacSha256(secret, raw));
  if (!timingSafeEqual(presented.trim(), expected)) throw unauthorized();

  const deliveryId = c.req.header(spec.deliveryHeader)?.trim();
  if (!deliveryId || deliveryId.length > 200) throw invalidRequest(`Missing ${spec.deliveryHeader} header`);
  const seen = await c.env.DB.prepare('SELECT 1 AS ok FROM order_webhook_receipts WHERE shop_id = ? AND platform = ? AND delivery_id = ?')
    .bind(shop.id, spec.platform, deliveryId)
    .first();
  if (seen) return c.json({ duplicate: true });

  const receipt = c.env.DB.prepare('INSERT INTO order_webhook_receipts (shop_id, platform, delivery_id, received_at) VALUES (?, ?, ?, ?)').bind(
    shop.id,
    spec.platform,
    deliveryId,
    nowIso(),
  );
  const topic = c.req.header(spec.topicHeader);
  const statements: D1PreparedStatement[] = [receipt];
  let result: Record<string, unknown>;
  if (topic !== undefined && !spec.topics.has(topic)) {
    result = { ignored: true, reason: `topic ${topic}` };
  } else {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw invalidRequest('Webhook body is not JSON');
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) throw invalidRequest('Webhook body is not an order', parsed.error);
    let mapped;
    try {
      mapped = spec.map(parsed.data);
    } catch (err) {
      if (err instanceof ZodError) throw invalidRequest('Webhook order does not fit the order format', err);
      throw err;
    }
    if (!mapped) {
      result = { ignored: true, reason: 'guest checkout without an email' };
    } else {
      if (mapped.customer) statements.push(upsertCustomerStatement(c.env.DB, shop.id, mapped.customer));
      const emailHmac = mapped.order.email ? await (await orderEmailKey(c.env.DB, c.env.AISLE_SECRET_KEY, shop.id)).hash(mapped.order.email) : null;
      statements.push(upsertOrderStatement(c.env.DB, shop.id, mapped.order, { sourceUpdatedAt: spec.updatedAt(parsed.data), emailHmac }));
      result = { ok: true, order: mapped.order.number, stage: mapped.order.stage, ...(mapped.customer ? {} : { guest: true }) };
    }
  }
  try {
    // One transaction: the receipt is recorded only together with the change it stands for.
    await c.env.DB.batch(statements);
  } catch (err) {
    // A concurrent delivery of the same id won the race on the receipt's primary key.
    if (/UNIQUE|PRIMARY KEY|constraint/i.test((err as Error).message)) return c.json({ duplicate: true });
    throw err;
  }
  return c.json(result);
}

orderWebhookRoutes.post('/webhooks/shopify', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES }), (c) => receive(c, shopify));
orderWebhookRoutes.post('/webhooks/woocommerce', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES }), (c) => receive(c, woocommerce));
