import { beforeAll, describe, expect, it } from 'vitest';
import { api, createShop, json, signCustomerToken, type TestShop } from '../helpers';
import { expectNoPersonalData } from './fixtures';

/** Shopify and WooCommerce order webhooks: signatures over the raw body, dedupe by delivery id, mapping. */

const SHOPIFY_SECRET = 'shpss_test_webhook_secret_1234';
const WOO_SECRET = 'woo-test-webhook-secret-5678';

async function hmacBase64(secret: string, body: string) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return btoa(String.fromCharCode(...sig));
}

/** A Shopify order as the orders/* webhooks send it (REST Admin API order resource, trimmed). */
const shopifyOrder = (over: Record<string, unknown> = {}) => ({
  id: 5678901234,
  name: '#1188',
  order_number: 1188,
  created_at: '2026-11-18T09:30:00-05:00',
  updated_at: '2026-11-18T09:31:00-05:00',
  cancelled_at: null,
  currency: 'USD',
  total_price: '84.00',
  financial_status: 'paid',
  fulfillment_status: null,
  email: 'wh.marker.email@example.test',
  phone: 'WH-MARKER-PHONE',
  customer: { id: 7390001, first_name: 'Rae', last_name: 'Hook', email: 'wh.marker.email@example.test', phone: 'WH-MARKER-PHONE' },
  line_items: [
    { id: 1, title: 'Canvas Tote', quantity: 2, variant_title: 'Olive / Large', product_id: 111, variant_id: 222, price: '42.00' },
  ],
  fulfillments: [],
  shipping_address: { address1: 'WH-MARKER-STREET', city: 'Springfield', zip: '12345' },
  payment_gateway_names: ['shopify_payments'],
  ...over,
});

const fulfilled = (shipment_status: string, updated_at: string) =>
  shopifyOrder({
    updated_at,
    fulfillment_status: 'fulfilled',
    fulfillments: [
      {
        id: 9,
        status: 'success',
        shipment_status,
        tracking_company: 'USPS',
        tracking_number: '9400111899223344556677',
        tracking_url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677',
        created_at: '2026-11-19T10:00:00-05:00',
        updated_at,
      },
    ],
  });

let shop: TestShop;

async function sendShopify(body: unknown, opts: { id: string; topic?: string; secret?: string | null; raw?: string }) {
  const raw = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-shopify-webhook-id': opts.id, 'x-shopify-topic': opts.topic ?? 'orders/updated' };
  if (opts.secret !== null) headers['x-shopify-hmac-sha256'] = await hmacBase64(opts.secret ?? SHOPIFY_SECRET, raw);
  return api(`/v1/shops/${shop.shopId}/webhooks/shopify`, { method: 'POST', headers, body: raw });
}

async function sendWoo(body: unknown, opts: { id: string; topic?: string; secret?: string | null; raw?: string }) {
  const raw = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-wc-webhook-delivery-id': opts.id, 'x-wc-webhook-topic': opts.topic ?? 'order.updated' };
  if (opts.secret !== null) headers['x-wc-webhook-signature'] = await hmacBase64(opts.secret ?? WOO_SECRET, raw);
  return api(`/v1/shops/${shop.shopId}/webhooks/woocommerce`, { method: 'POST', headers, body: raw });
}

const ordersOf = async (customerId: string) => {
  const res = await api(`/v1/shops/${shop.shopId}/me/orders`, { headers: { authorization: `Bearer ${await signCustomerToken(shop, customerId)}` } });
  return ((await res.json()) as { orders: Record<string, unknown>[] }).orders;
};

beforeAll(async () => {
  shop = await createShop();
  const res = await api(
    `/v1/shops/${shop.shopId}/order-webhook-secrets`,
    { ...json({ shopify: SHOPIFY_SECRET, woocommerce: WOO_SECRET }, { authorization: `Bearer ${shop.adminKey}` }), method: 'PUT' },
  );
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ configured: { shopify: true, woocommerce: true } });
});

describe('Shopify webhooks', () => {
  it('stores a signed order and shows it to that customer only', async () => {
    const res = await sendShopify(shopifyOrder(), { id: 'shp-1', topic: 'orders/create' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, order: '#1188', stage: 'processing' });
    const mine = await ordersOf('7390001');
    expect(mine).toMatchObject([{ number: '#1188', stage: 'processing', items: [{ name: 'Canvas Tote', quantity: 2, options: 'Variant: Olive / Large' }] }]);
    expectNoPersonalData(mine);
    expect(JSON.stringify(mine)).not.toMatch(/WH-MARKER|wh\.marker/);
    expect(await ordersOf('someone-else')).toEqual([]);
  });

  it('refuses a bad or missing signature and writes nothing', async () => {
    const order = shopifyOrder({ name: '#2001', order_number: 2001 });
    const wrong = await sendShopify(order, { id: 'shp-bad-1', secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await sendShopify(order, { id: 'shp-bad-2', secret: null })).status).toBe(401);
    // Signed for one body, sent with another.
    const raw = JSON.stringify(order);
    const sig = await hmacBase64(SHOPIFY_SECRET, raw);
    const tampered = await api(`/v1/shops/${shop.shopId}/webhooks/shopify`, {
      method: 'POST',
      headers: { 'x-shopify-hmac-sha256': sig, 'x-shopify-webhook-id': 'shp-bad-3', 'x-shopify-topic': 'orders/updated' },
      body: raw.replace('#2001', '#2002'),
    });
    expect(tampered.status).toBe(401);
    expect((await ordersOf('7390001')).map((o) => o.number)).not.toContain('#2001');
    expect((await ordersOf('7390001')).map((o) => o.number)).not.toContain('#2002');
    // The failed deliveries were not recorded: the genuine one with the same id still applies.
    expect(await (await sendShopify(order, { id: 'shp-bad-1' })).json()).toMatchObject({ ok: true });
  });

  it('applies a replayed delivery once and never rolls a newer state back', async () => {
    const shipped = fulfilled('in_transit', '2026-11-19T10:00:00-05:00');
    expect(await (await sendShopify(shipped, { id: 'shp-10', topic: 'orders/fulfilled' })).json()).toMatchObject({ ok: true, stage: 'shipped' });
    const delivered = fulfilled('delivered', '2026-11-21T15:00:00-05:00');
    expect(await (await sendShopify(delivered, { id: 'shp-11' })).json()).toMatchObject({ ok: true, stage: 'delivered' });
    // The same delivery again: acknowledged, not applied.
    const replay = await sendShopify(shipped, { id: 'shp-10', topic: 'orders/fulfilled' });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ duplicate: true });
    // An older update under a new id (a late retry) does not undo "delivered" either.
    await sendShopify(shipped, { id: 'shp-12' });
    const [card] = (await ordersOf('7390001')).filter((o) => o.number === '#1188');
    expect(card).toMatchObject({ stage: 'delivered', carrier: 'USPS', trackingMasked: '••••••6677' });
  });

  it('maps a cancellation', async () => {
    await sendShopify(shopifyOrder({ name: '#1300', cancelled_at: '2026-11-20T08:00:00Z', updated_at: '2026-11-20T08:00:00Z' }), { id: 'shp-20', topic: 'orders/cancelled' });
    expect((await ordersOf('7390001')).find((o) => o.number === '#1300')).toMatchObject({ stage: 'cancelled', status: 'Cancelled' });
  });

  it('acknowledges other topics without storing anything; a guest checkout is stored without a customer', async () => {
    expect(await (await sendShopify(shopifyOrder({ name: '#1400' }), { id: 'shp-30', topic: 'orders/delete' })).json()).toMatchObject({ ignored: true });
    expect(await (await sendShopify(shopifyOrder({ name: '#1401', customer: null }), { id: 'shp-31' })).json()).toEqual({ ok: true, order: '#1401', stage: 'processing', guest: true });
    // No customer and no email: nobody could ever be shown it.
    expect(await (await sendShopify(shopifyOrder({ name: '#1402', customer: null, email: null }), { id: 'shp-32' })).json()).toMatchObject({ ignored: true });
    const numbers = (await ordersOf('7390001')).map((o) => o.number);
    expect(numbers).not.toContain('#1400');
    // The guest order is not one of the signed-in customer's, even with the same email.
    expect(numbers).not.toContain('#1401');
  });

  it('answers 400 for a signed body that is not an order', async () => {
    const res = await sendShopify({ hello: 'world' }, { id: 'shp-40' });
    expect(res.status).toBe(400);
  });
});

/** A WooCommerce order as its order.* webhooks send it (REST API v3 shape, trimmed). */
const wooOrder = (over: Record<string, unknown> = {}) => ({
  id: 727,
  number: '727',
  status: 'processing',
  customer_id: 42,
  currency: 'EUR',
  total: '59.90',
  date_created: '2026-11-15T11:00:00',
  date_created_gmt: '2026-11-15T10:00:00',
  date_modified_gmt: '2026-11-15T10:05:00',
  billing: { first_name: 'Wim', last_name: 'Woo', email: 'woo.marker@example.test', phone: 'WOO-MARKER-PHONE' },
  shipping: { address_1: 'WOO-MARKER-STREET', city: 'Utrecht' },
  payment_method_title: 'Credit card',
  line_items: [{ id: 5, name: 'Enamel Mug', quantity: 3, product_id: 90, variation_id: 91, total: '29.90', meta_data: [{ id: 1, key: 'pa_colour', value: 'red', display_key: 'Colour', display_value: 'Red' }, { id: 2, key: '_reduced_stock', value: '3' }] }],
  shipping_lines: [{ method_title: 'Flat rate' }],
  meta_data: [],
  ...over,
});

describe('WooCommerce webhooks', () => {
  it('stores a signed order with its visible options', async () => {
    expect(await (await sendWoo(wooOrder(), { id: 'wc-1', topic: 'order.created' })).json()).toMatchObject({ ok: true, order: '727', stage: 'processing' });
    const mine = await ordersOf('42');
    expect(mine).toMatchObject([{ number: '727', stage: 'processing', items: [{ name: 'Enamel Mug', quantity: 3, options: 'Colour: Red' }] }]);
    expect(JSON.stringify(mine)).not.toMatch(/WOO-MARKER|woo\.marker|Credit card/);
  });

  it('reads Shipment Tracking meta, dedupes replays and refuses bad signatures', async () => {
    const completed = wooOrder({
      status: 'completed',
      date_modified_gmt: '2026-11-16T09:00:00',
      meta_data: [{ id: 7, key: '_wc_shipment_tracking_items', value: [{ tracking_provider: 'PostNL', tracking_number: '3SABCD1234567', date_shipped: '1763287200' }] }],
    });
    expect((await sendWoo(completed, { id: 'wc-2', secret: 'wrong-secret' })).status).toBe(401);
    expect((await ordersOf('42'))[0]).toMatchObject({ stage: 'processing' });
    expect(await (await sendWoo(completed, { id: 'wc-2' })).json()).toMatchObject({ ok: true, stage: 'shipped' });
    expect(await (await sendWoo(completed, { id: 'wc-2' })).json()).toEqual({ duplicate: true });
    expect((await ordersOf('42'))[0]).toMatchObject({ stage: 'shipped', carrier: 'PostNL', trackingMasked: '••••••4567' });
  });

  it("answers WooCommerce's unsigned creation ping without storing anything", async () => {
    const res = await api(`/v1/shops/${shop.shopId}/webhooks/woocommerce`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'webhook_id=15',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ignored: true });
  });

  it('refuses everything when the shop has configured no secret', async () => {
    const bare = await createShop();
    const raw = JSON.stringify(wooOrder());
    const res = await api(`/v1/shops/${bare.shopId}/webhooks/woocommerce`, {
      method: 'POST',
      headers: { 'x-wc-webhook-signature': await hmacBase64('any-secret-at-all', raw), 'x-wc-webhook-delivery-id': 'x' },
      body: raw,
    });
    expect(res.status).toBe(401);
  });
});

describe('PUT /order-webhook-secrets', () => {
  it('needs the admin key, validates, and can remove a secret', async () => {
    const path = `/v1/shops/${shop.shopId}/order-webhook-secrets`;
    const put = (body: unknown, key?: string) => api(path, { ...json(body, key ? { authorization: `Bearer ${key}` } : {}), method: 'PUT' });
    expect((await put({ shopify: 'x'.repeat(20) })).status).toBe(401);
    expect((await put({ shopify: 'x'.repeat(20) }, shop.agentKey)).status).toBe(401);
    expect((await put({ shopify: 'short' }, shop.adminKey)).status).toBe(400);
    expect((await put({ magento: 'x'.repeat(20) }, shop.adminKey)).status).toBe(400);
    const other = await createShop();
    expect(await (await put({ woocommerce: null }, shop.adminKey)).json()).toEqual({ configured: { shopify: true, woocommerce: false } });
    expect((await sendWoo(wooOrder({ number: '800' }), { id: 'wc-after-removal' })).status).toBe(401);
    expect((await put({ shopify: 'x'.repeat(20) }, other.adminKey)).status).toBe(401);
  });
});
