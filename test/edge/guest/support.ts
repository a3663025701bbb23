import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { app } from '../../../edge/src/index';
import { BASE, api, createShop, json, readStream, textOf, type TestShop } from '../helpers';

export const GUEST_EMAIL = 'Guest.Buyer@Example.com';
export const ALICE = { id: 'cust-alice', name: 'Alice Moreau', email: 'alice.moreau@example.com' };

/** A guest checkout, and two orders of one signed-in customer. */
export const GUEST_ORDERS = {
  customers: [ALICE],
  orders: [
    {
      number: 'G-2001',
      email: GUEST_EMAIL,
      stage: 'shipped',
      placedAt: '2026-11-20T10:00:00Z',
      items: [{ name: 'Trail Runner Sock', quantity: 2 }],
      fulfilments: [{ carrier: 'DHL', trackingNumber: 'JD0146000012345', status: 'in_transit', estimatedDelivery: '2026-12-04' }],
      shippingAddress: { line1: 'GUEST-MARKER-STREET 9', city: 'Ghent' },
    },
    { number: 'A-1001', customerId: ALICE.id, stage: 'delivered', placedAt: '2026-10-01T10:00:00Z', items: [{ name: 'Alpine Jacket', quantity: 1 }] },
    { number: 'A-1002', customerId: ALICE.id, stage: 'processing', placedAt: '2026-11-25T10:00:00Z', items: [{ name: 'Cedar Candle', quantity: 3 }] },
  ],
};

export async function guestShop(settings: Record<string, unknown> = {}): Promise<TestShop> {
  const shop = await createShop(undefined, Object.keys(settings).length ? { settings } : {});
  const res = await api(`/v1/shops/${shop.shopId}/orders`, { ...json(GUEST_ORDERS, { authorization: `Bearer ${shop.adminKey}` }), method: 'PUT' });
  expect(res.status, await res.clone().text()).toBe(200);
  return shop;
}

export const newSecret = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24)))).replace(/[+/=]/g, 'x');

/**
 * A guest conversation started the way the widget starts one: a first chat turn asking for a
 * secret (`x-aisle-conversation-secret: new`); the secret is the one the server answers.
 */
export async function guestConversation(shopId: string, text = 'Hello') {
  const conversationId = crypto.randomUUID();
  const res = await api(`/v1/shops/${shopId}/chat`, json({ conversationId, message: { text } }, { 'x-aisle-conversation-secret': 'new' }));
  expect(res.status).toBe(200);
  const secret = res.headers.get('x-aisle-conversation-secret');
  expect(secret).toBeTruthy();
  const parts = await readStream(res);
  return { conversationId, secret: secret!, parts };
}

/** A guest's next turn in that conversation, with its secret. */
export async function guestTurn(shopId: string, c: { conversationId: string; secret: string }, text: string) {
  const res = await api(`/v1/shops/${shopId}/chat`, json({ conversationId: c.conversationId, message: { text } }, { 'x-aisle-conversation-secret': c.secret }));
  expect(res.status, await res.clone().text()).toBe(200);
  const parts = await readStream(res);
  return { parts, text: textOf(parts) };
}

export interface VerifyCall {
  conversationId: string;
  secret: string;
  orderNumber: string;
  email: string;
  ip?: string;
  requestId?: string;
}

export function verifyRequest(shopId: string, v: VerifyCall): [string, RequestInit] {
  const headers: Record<string, string> = { 'x-aisle-conversation-secret': v.secret };
  if (v.ip) headers['cf-connecting-ip'] = v.ip;
  return [`${BASE}/v1/shops/${shopId}/conversations/${v.conversationId}/verify-order`, json({ requestId: v.requestId ?? 'vr_test', orderNumber: v.orderNumber, email: v.email }, headers)];
}

export const verify = (shopId: string, v: VerifyCall) => api(...(verifyRequest(shopId, v).map((x, i) => (i === 0 ? (x as string).slice(BASE.length) : x)) as [string, RequestInit]));

/**
 * The real Hono app with a D1 that records every statement it prepares, so a test can compare
 * the database work of two requests.
 */
export async function verifyCountingStatements(shopId: string, v: VerifyCall): Promise<{ status: number; body: unknown; statements: string[] }> {
  const statements: string[] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'prepare') return (sql: string) => (statements.push(sql.replace(/\s+/g, ' ').trim()), target.prepare(sql));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const [url, init] = verifyRequest(shopId, v);
  const waits: Promise<unknown>[] = [];
  const res = await app.request(url, init, { ...env, DB: db }, { waitUntil: (p: Promise<unknown>) => void waits.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext);
  const body = await res.json();
  await Promise.all(waits);
  return { status: res.status, body, statements };
}

export async function history(shopId: string, conversationId: string, secret?: string) {
  const res = await api(`/v1/shops/${shopId}/conversations/${conversationId}`, { headers: secret ? { 'x-aisle-conversation-secret': secret } : {} });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: { role: string; parts: { type: string; text?: string; data?: { number?: string } }[] }[] }).messages;
}

/** Every row of every shop-scoped table, as one string, to look for things that must not be stored. */
export async function everythingStoredFor(shopId: string): Promise<string> {
  const tables = (
    await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all<{ name: string }>()
  ).results.map((t) => t.name);
  let out = '';
  for (const table of tables) {
    const cols = (await env.DB.prepare(`SELECT name FROM pragma_table_info('${table}')`).all<{ name: string }>()).results.map((c) => c.name);
    if (!cols.includes('shop_id')) continue;
    const rows = await env.DB.prepare(`SELECT * FROM "${table}" WHERE shop_id = ?`).bind(shopId).all();
    out += `\n${table}: ${JSON.stringify(rows.results)}`;
  }
  return out;
}
