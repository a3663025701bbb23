import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createShop, json, signCustomerToken, type TestShop } from '../helpers';
import { bearer, call, expectError } from './support';

const alice = { id: 'cust-alice', name: 'Alice Moreau', email: 'alice.moreau@example.com', phone: '+33 6 12 34 56 78' };
const bob = { id: 'cust-bob', name: 'Bob Lindqvist', email: 'bob.lindqvist@example.org', phone: '+46 70 555 0199' };
// Words only each customer typed, to find them anywhere in the database afterwards.
const ALICE_WORDS = 'Whiskersandmittens';
const BOB_WORDS = 'Rufusthebeagle';

const orders = {
  customers: [alice, bob],
  orders: [
    { number: 'A-1042', customerId: alice.id, stage: 'delivered', status: 'fulfilled', placedAt: '2026-03-01T10:00:00Z', items: [{ name: 'Ridge Trail Boot', quantity: 1 }], shippingAddress: { line1: '3 Rue des Lilas', city: 'Lyon' } },
    { number: 'B-7788', customerId: bob.id, stage: 'shipped', status: 'in transit', placedAt: '2026-03-02T10:00:00Z', items: [{ name: 'Summit Down Parka', quantity: 2 }], shippingAddress: { line1: '12 Fjordgatan', city: 'Göteborg' } },
  ],
};

/** Two turns of one customer, the second one a refund request that opens a ticket. */
async function talk(shop: TestShop, who: typeof alice, order: string, words: string) {
  const token = await signCustomerToken(shop, who.id, { claims: { name: who.name, email: who.email } });
  const first = await chat(shop.shopId, { text: `Where is my order ${order}? ${words}` }, { token });
  expect(first.res.status).toBe(200);
  const second = await chat(shop.shopId, { conversationId: first.conversationId, text: `I want a refund for order ${order}, it arrived damaged. ${words}` }, { token });
  expect(second.res.status).toBe(200);
  return { token, conversationId: first.conversationId };
}

/** Every row of every table that belongs to this shop, as one string. */
async function everythingStoredFor(shopId: string): Promise<string> {
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

let shop: TestShop;
let other: TestShop;
let aliceTalk: { token: string; conversationId: string };
let bobTalk: { token: string; conversationId: string };
let otherTalk: { token: string; conversationId: string };

beforeAll(async () => {
  shop = await createShop();
  other = await createShop();
  for (const s of [shop, other]) {
    const res = await api(`/v1/shops/${s.shopId}/orders`, { ...json(orders, bearer(s.adminKey)), method: 'PUT' });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  aliceTalk = await talk(shop, alice, 'A-1042', ALICE_WORDS);
  bobTalk = await talk(shop, bob, 'B-7788', BOB_WORDS);
  // The same customer id in another shop is another person's record there.
  otherTalk = await talk(other, alice, 'A-1042', ALICE_WORDS);
});

describe("deleting one customer's data", () => {
  it('holds personal data of both customers before (the test would catch nothing otherwise)', async () => {
    const stored = await everythingStoredFor(shop.shopId);
    for (const marker of [ALICE_WORDS, alice.name, alice.email, alice.phone, '3 Rue des Lilas', BOB_WORDS, bob.name, bob.email]) expect(stored).toContain(marker);
    const { tickets } = (await (await call('GET', `/v1/shops/${shop.shopId}/tickets`, shop.agentKey)).json()) as { tickets: { customer: { id: string | null } }[] };
    expect(tickets.map((t) => t.customer.id).sort()).toEqual([alice.id, bob.id]);
  });

  it('needs the admin key of this shop', async () => {
    for (const key of [shop.agentKey, other.adminKey]) {
      await expectError(await call('DELETE', `/v1/shops/${shop.shopId}/customers/${alice.id}`, key), 401, 'unauthorized');
    }
    expect(await everythingStoredFor(shop.shopId)).toContain(ALICE_WORDS);
  });

  it("removes the customer's conversations, orders, account, and their words and name from tickets and audit", async () => {
    const res = await call('DELETE', `/v1/shops/${shop.shopId}/customers/${alice.id}`, shop.adminKey);
    expect(res.status).toBe(200);
    const { deleted } = (await res.json()) as { deleted: Record<string, number> };
    expect(deleted).toMatchObject({ conversations: 1, messages: 4, tickets: 1, orders: 1, customers: 1 });
    expect(deleted.auditRecords).toBeGreaterThanOrEqual(2);

    const stored = await everythingStoredFor(shop.shopId);
    for (const marker of [ALICE_WORDS, alice.name, alice.email, alice.phone, '3 Rue des Lilas', alice.id]) expect(stored).not.toContain(marker);

    // The shopper's own view: the conversation is gone.
    const conv = await api(`/v1/shops/${shop.shopId}/conversations/${aliceTalk.conversationId}`, { headers: bearer(aliceTalk.token) });
    await expectError(conv, 404, 'not_found');

    // The agent still sees that a refund was handed off, without who or what was said.
    const { tickets } = (await (await call('GET', `/v1/shops/${shop.shopId}/tickets`, shop.agentKey)).json()) as {
      tickets: { id: string; conversationId: string; category: string; customer: { id: string | null; name: string | null; email: string | null } }[];
    };
    const erased = tickets.find((t) => t.conversationId === aliceTalk.conversationId)!;
    expect(erased.customer).toMatchObject({ id: null, name: null, email: null });
    const detail = (await (await call('GET', `/v1/shops/${shop.shopId}/tickets/${erased.id}`, shop.agentKey)).json()) as { transcript: unknown[]; ticket: { category: string } };
    expect(detail.transcript).toEqual([]);
    expect(detail.ticket.category).toBe(erased.category);
  });

  it("keeps the other customer's data, and the same customer id in another shop", async () => {
    const stored = await everythingStoredFor(shop.shopId);
    for (const marker of [BOB_WORDS, bob.name, bob.email, bob.phone, '12 Fjordgatan', bob.id]) expect(stored).toContain(marker);
    const bobConv = await api(`/v1/shops/${shop.shopId}/conversations/${bobTalk.conversationId}`, { headers: bearer(bobTalk.token) });
    expect(bobConv.status).toBe(200);
    expect(((await bobConv.json()) as { messages: unknown[] }).messages).toHaveLength(4);

    const elsewhere = await everythingStoredFor(other.shopId);
    for (const marker of [ALICE_WORDS, alice.name, alice.email, '3 Rue des Lilas']) expect(elsewhere).toContain(marker);
    const otherConv = await api(`/v1/shops/${other.shopId}/conversations/${otherTalk.conversationId}`, { headers: bearer(otherTalk.token) });
    expect(otherConv.status).toBe(200);
  });

  it('reports zero on a second request and records the erasure in the audit trail without the id', async () => {
    const again = await call('DELETE', `/v1/shops/${shop.shopId}/customers/${alice.id}`, shop.adminKey);
    expect(((await again.json()) as { deleted: Record<string, number> }).deleted).toEqual({ conversations: 0, messages: 0, tickets: 0, auditRecords: 0, orders: 0, customers: 0 });
    const rows = await env.DB.prepare("SELECT data FROM audit_events WHERE shop_id = ? AND kind = 'admin' AND data LIKE '%customer.deleted%'").bind(shop.shopId).all<{ data: string }>();
    expect(rows.results).toHaveLength(2);
    expect(JSON.stringify(rows.results)).not.toContain(alice.id);
  });
});
