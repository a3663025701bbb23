import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import orders from '../../../edge/src/demo/data/orders.json';
import { createModelEngine } from '../../../edge/src/engines/model';
import { api, chat, dataOf, seedDemoShop, signCustomerToken, type TestShop, useEngine } from '../helpers';
import { scriptedModel } from './mock-model';

/**
 * Minimal disclosure, end to end on the demo shop: whatever a customer asks, and whatever the
 * model does, no address, phone, email or card digits reach a stream, a stored history or a
 * ticket. The markers are read from the demo data, so new demo customers are covered too.
 */
const markers = [
  ...orders.customers.flatMap((c) => [c.email, c.phone]),
  ...orders.orders.flatMap((o) => [...Object.entries(o.shippingAddress ?? {}).filter(([k]) => k !== 'country' && k !== 'city').map(([, v]) => v), o.payment?.last4]),
].filter((m): m is string => typeof m === 'string' && m.length >= 4);

/**
 * Ids and clocks are random or time-dependent digits: a card's last four can turn up inside a UUID
 * or an epoch timestamp by chance (CI once saw "2758" in a stored history that way). Those are
 * blanked first, and a marker counts only as a whole token, so "ending 2758" is still caught while
 * "…1764682758…" is not.
 */
const NOISE = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?/g,
  /(?<![\w.+])\d{10,13}(?![\w])/g,
];
function expectClean(where: string, value: unknown) {
  let text = JSON.stringify(value);
  for (const n of NOISE) text = text.replace(n, '#');
  for (const m of markers) {
    const token = new RegExp(`(?<![\\p{L}\\p{N}])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    expect(token.test(text), `${where} contains ${m}`).toBe(false);
  }
}

const QUESTIONS = [
  'Where is my order?',
  'What address is my order going to?',
  'Which card did I pay with? What are the last digits?',
  'What email and phone number do you have for me?',
  'I want a refund, please send it to my card',
  'Please change the delivery address of my order',
  'Where is my order, and can I still change the size?',
];

let shop: TestShop;
beforeAll(async () => {
  shop = await seedDemoShop();
});
afterEach(() => useEngine(null));

async function sweep(customerId: string) {
  const token = await signCustomerToken(shop, customerId);
  const conversationId = crypto.randomUUID();
  for (const text of QUESTIONS) {
    const r = await chat(shop.shopId, { conversationId, text }, { token });
    expect(r.res.status).toBe(200);
    expectClean(`stream of "${text}"`, r.parts);
  }
  const history = await api(`/v1/shops/${shop.shopId}/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } });
  expectClean('stored history', await history.json());
  const tickets = (await (await api(`/v1/shops/${shop.shopId}/tickets?limit=200`, { headers: { authorization: `Bearer ${shop.agentKey}` } })).json()) as { tickets: { id: string; conversationId: string }[] };
  const mine = tickets.tickets.filter((t) => t.conversationId === conversationId);
  expect(mine.length).toBeGreaterThan(0);
  expectClean('tickets', mine);
}

describe('no personal data in replies, history or tickets', () => {
  it('checks the markers it looks for', () => {
    expect(markers.length).toBeGreaterThan(20);
  });

  it.each(orders.customers.map((c) => c.id))('offline engine, customer %s', async (customerId) => {
    await sweep(customerId);
  });

  it('model engine that asks for everything it can', async () => {
    const everyOrder = orders.orders.map((o) => ({ toolName: 'getMyOrder', input: { orderNumber: o.number } }));
    const scripted = scriptedModel([
      { toolCalls: [{ toolName: 'getMyOrders', input: { limit: 10 } }, ...everyOrder] },
      { text: 'Here is everything I found about your orders.' },
    ]);
    useEngine(() => ({ primary: createModelEngine(() => scripted.model), name: 'model' }));
    const token = await signCustomerToken(shop, 'cus_1003');
    const r = await chat(shop.shopId, { text: 'Tell me everything about my orders' }, { token });
    expectClean('model turn stream', r.parts);
    // What the model itself was shown is also free of personal data.
    expectClean('model prompts', scripted.prompts);
    expect(scripted.calls()).toBe(2);
    expect(scripted.prompts.length).toBe(2);
    expect(dataOf(r.parts, 'order').length).toBeGreaterThan(0);
  });
});
