import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import type { Ticket } from '../../../shared/ticket';
import { api, chat, createShop, dataOf, json, signCustomerToken, type TestShop } from '../helpers';
import { wordingOf } from '../../../edge/src/language';

/**
 * Tickets an agent can act on without asking again, through the real Worker: the order the
 * request is about (named, holding the item, or the only open one; all of them when asked, with
 * no cap), its state, the detail the category needs, the shop's own policy passages, a summary
 * of facts, and a reply to the shopper that says where the order stands and asks at most once.
 */

const CUSTOMER = 'cus-scope';
const policies = [
  {
    id: 'returns',
    title: 'Returns and exchanges',
    body: '## Returns\nUnworn items can be returned within 30 days of delivery.\n\n## Exchanges\nYou can exchange an item for another size or colour within 30 days of delivery. Orders that have shipped cannot be changed in transit.',
  },
  { id: 'cancellations', title: 'Cancellations', body: 'Orders can be cancelled free of charge until they leave our warehouse. Once shipped, an order cannot be cancelled; return it instead.' },
  { id: 'damage', title: 'Damaged items', body: 'If something arrives damaged, tell us within 14 days with a photo and we will look at a replacement or a refund.' },
];
const item = (name: string, options?: Record<string, string>) => ({ name, quantity: 1, ...(options ? { options } : {}) });
const orders = [
  { number: 'QX-3101', customerId: CUSTOMER, stage: 'shipped', placedAt: '2026-11-20T10:00:00Z', items: [item('Harbor Rain Jacket', { Size: 'L', Colour: 'Navy' })] },
  { number: 'QX-3102', customerId: CUSTOMER, stage: 'processing', placedAt: '2026-11-25T10:00:00Z', items: [item('Trail Runner Shoe', { Size: '42' }), item('Merino Hiking Sock')] },
  { number: 'QX-3090', customerId: CUSTOMER, stage: 'delivered', placedAt: '2026-11-01T10:00:00Z', items: [item('Enamel Camp Mug'), item('Titanium Spork'), item('Folding Lantern')] },
  { number: 'QX-3080', customerId: CUSTOMER, stage: 'cancelled', placedAt: '2026-10-01T10:00:00Z', items: [item('Canvas Tote')] },
  // Another customer's order: it must never be scoped, read or named.
  { number: 'QX-3103', customerId: 'cus-other', stage: 'processing', placedAt: '2026-11-26T10:00:00Z', items: [item('Folding Lantern')] },
];

async function shopWithOrders(): Promise<TestShop> {
  const shop = await createShop();
  const admin = { authorization: `Bearer ${shop.adminKey}` };
  const put = async (path: string, body: unknown) => {
    const res = await api(`/v1/shops/${shop.shopId}${path}`, { ...json(body, admin), method: 'PUT' });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  };
  await put('/policies', { policies });
  await put('/orders', {
    customers: [
      { id: CUSTOMER, name: 'Rosa Lindgren', email: 'rosa@example.com' },
      { id: 'cus-other', name: 'Other Person', email: 'other@example.com' },
    ],
    orders,
  });
  return shop;
}

async function ticketsOf(shop: TestShop, conversationId: string): Promise<Ticket[]> {
  const res = await api(`/v1/shops/${shop.shopId}/tickets?limit=50`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
  expect(res.status).toBe(200);
  const { tickets } = (await res.json()) as { tickets: Ticket[] };
  return tickets.filter((t) => t.conversationId === conversationId);
}

async function ask(shop: TestShop, text: string, customer = CUSTOMER) {
  const token = await signCustomerToken(shop, customer, { claims: { name: customer === CUSTOMER ? 'Rosa Lindgren' : 'Other Person' } });
  const r = await chat(shop.shopId, { text }, { token });
  expect(r.res.status).toBe(200);
  const tickets = await ticketsOf(shop, r.conversationId);
  return { ...r, tickets };
}

const en = wordingOf('en').handoff;
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

/** A summary of facts: labelled lines, not the shopper's lines joined together. */
function expectFactSummary(ticket: Ticket) {
  expect(ticket.summary).toMatch(/^Customer: Rosa Lindgren \(verified customer\)$/m);
  expect(ticket.summary).toMatch(/^Orders?: /m);
  expect(ticket.summary).toMatch(/^Request: /m);
  expect(ticket.summary).toMatch(/^Told the shopper: /m);
  expect(ticket.summary).toMatch(/^Policy: /m);
  expect(ticket.summary).not.toMatch(/^Shopper: /m);
  expect(ticket.suggestedReply).not.toMatch(/\[[^\]]+\]/);
}

describe('the ticket names the order concerned, its state, the detail and the policy', () => {
  it('a size change on a shipped order: that order, the size wanted, the exchange policy, and the shopper is told it cannot change in transit', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'Can I change my Harbor rain jacket to a size M?');
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(['order_change', 'exchange']).toContain(t.category);
    expect(t.order).toBe('QX-3101');
    expect(t.orders.map((o) => [o.number, o.stage])).toEqual([['QX-3101', 'shipped']]);
    expect(t.details).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'wanted', value: 'M' }), expect.objectContaining({ key: 'item', value: 'Harbor Rain Jacket' })]));
    expect(t.policyPassages.map((p) => p.documentId)).toContain('returns');
    expect(t.policyPassages.some((p) => /exchange/i.test(p.text))).toBe(true);
    expectFactSummary(t);
    const reality = fill(en.reality.changeShipped, { n: "QX-3101" });
    expect(r.text).toContain(reality);
    expect(t.toldShopper).toContain(reality);
    expect(t.suggestedReply).toContain('QX-3101');
    expect(t.suggestedReply).toContain('M');
    // Nothing asked: the order, the item and the size are all known.
    expect(r.text).not.toContain(en.ask.wanted);
  });

  it('cancelling an order that has not shipped: that order, and the shopper is told it has not left yet, with no promise', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'please cancel order QX-3102');
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(t.category).toBe('cancellation');
    expect(t.orders.map((o) => [o.number, o.stage])).toEqual([['QX-3102', 'processing']]);
    expect(t.policyPassages.map((p) => p.documentId)).toContain('cancellations');
    expectFactSummary(t);
    expect(r.text).toContain(fill(en.reality.cancelBeforeShipping, { n: 'QX-3102' }));
    expect(r.text).not.toMatch(/\b(has been|is now|was) cancell?ed\b/i);
  });

  it('a damaged item among several: the order holding it and the item, without asking', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'The folding lantern I got arrived broken');
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(t.category).toBe('damaged_or_wrong_item');
    expect(t.orders.map((o) => o.number)).toEqual(['QX-3090']);
    expect(t.details).toEqual([expect.objectContaining({ key: 'item', value: 'Folding Lantern' })]);
    expect(t.policyPassages.map((p) => p.documentId)).toContain('damage');
    expectFactSummary(t);
    expect(r.text).not.toContain(fill(en.ask.whichItem, { n: 'QX-3090' }));
    // The other customer's lantern order is never on the ticket.
    expect(JSON.stringify(t)).not.toContain('QX-3103');
  });

  it('a refund for one of three orders: exactly that order, not the newest ones', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, "I'd like a refund for order QX-3090");
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(t.category).toBe('refund');
    expect(t.order).toBe('QX-3090');
    expect(t.orders.map((o) => o.number)).toEqual(['QX-3090']);
    expect(t.policyPassages.length).toBeGreaterThan(0);
    expectFactSummary(t);
  });
});

describe('in the shopper\u2019s language, and for orders that are closed', () => {
  it.each([
    ['es', '¿Puedo cambiar la talla de mi chaqueta Harbor a la M?'],
    ['de', 'Kann ich bei meiner Harbor Jacke die Größe auf M ändern?'],
    ['it', 'Posso cambiare la taglia della mia giacca Harbor in M?'],
  ] as const)('%s: a size change on the shipped order is told that it cannot change in transit', async (lang, text) => {
    const shop = await shopWithOrders();
    const r = await ask(shop, text);
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(t.orders.map((o) => o.number)).toEqual(['QX-3101']);
    expect(t.language).toBe(lang);
    const words = wordingOf(lang).handoff;
    const reality = fill(words.reality.changeShipped, { n: 'QX-3101' });
    expect(r.text).toContain(reality);
    expect(t.suggestedReply).toContain(reality);
  });

  it('a cancellation of an order that is already cancelled says so, from the order read this turn', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'please cancel order QX-3080');
    const t = r.tickets[0];
    expect(t.orders.map((o) => [o.number, o.stage])).toEqual([['QX-3080', 'cancelled']]);
    expect(r.text).toContain(fill(en.reality.closed, { n: 'QX-3080', stage: wordingOf('en').orderStage.cancelled.toLowerCase() }));
  });
});

describe('the stage the request fits', () => {
  it('items of two orders named: the ticket carries the order of the one the request fits', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'where are my trail runner shoes? and I want to return the titanium spork');
    expect(r.tickets).toHaveLength(1);
    expect(r.tickets[0].category).toBe('return');
    expect(r.tickets[0].order).toBe('QX-3090');
  });

  it('nothing named: a late parcel is the only order on its way', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'my parcel is late, it should have arrived days ago');
    expect(r.tickets).toHaveLength(1);
    expect(r.tickets[0].category).toBe('delivery_problem');
    expect(r.tickets[0].order).toBe('QX-3101');
  });
});

describe('when the scope is not settled, one question', () => {
  it('asks which order when the customer has several open ones and names none, and files the ticket meanwhile', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'I need to change my order');
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(t.order).toBeNull();
    expect(t.orders).toEqual([]);
    const question = fill(en.ask.whichOrder, { orders: 'QX-3102, QX-3101' });
    expect(r.text).toContain(question);
    expect(t.summary).toContain(`Asked the shopper: ${question}`);
    expect(r.text.split('?').length - 1).toBe(1);
    expect(dataOf(r.parts, 'handoff')).toHaveLength(1);
  });

  it('says so and asks when the named order does not hold the named item', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'I want to return the titanium spork from order QX-3102');
    expect(r.tickets).toHaveLength(1);
    expect(r.text).toContain(fill(en.ask.itemNotInOrder, { n: 'QX-3102', item: 'Titanium Spork' }));
  });

  it('a request about all open orders names every one of them', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'Cancel all my open orders');
    expect(r.tickets).toHaveLength(1);
    expect(r.tickets[0].orders.map((o) => o.number).sort()).toEqual(['QX-3101', 'QX-3102']);
    expect(r.tickets[0].summary).toMatch(/^Orders: QX-310[12].*\| QX-310[12]/m);
  });

  it('another customer\u2019s order number looks like a missing order: not on the ticket', async () => {
    const shop = await shopWithOrders();
    const r = await ask(shop, 'please cancel order QX-3103');
    expect(r.tickets).toHaveLength(1);
    const t = r.tickets[0];
    expect(t.order).toBeNull();
    expect(t.orders).toEqual([]);
    expect(t.summary).toMatch(/^Order: not identified$/m);
    expect(JSON.stringify(t)).not.toContain('Other Person');
    expect(JSON.stringify(t)).not.toContain('Folding Lantern');
    // Asked like any order it cannot see: which of the customer's own open orders it is.
    expect(r.text).toContain(fill(en.ask.whichOrder, { orders: 'QX-3102, QX-3101' }));
  });
});

/**
 * Five more workflows, drawn with a fixed seed from category × fulfilment stage on the two
 * fixture shops (test/fixtures/shops): the message names the order (and the item where the
 * category needs one), and the ticket must name that order, its stage, the item, and a passage
 * of that shop's own policies; the reply must say where the order stands where the stage matters.
 */
describe('seeded workflows on the fixture shops (category × stage, seed 22)', async () => {
  type FixtureOrder = { number: string; customerId: string; stage: string; items: { name: string }[] };
  const shops = await Promise.all(
    (['hedgerow', 'voltline'] as const).map(async (name) => ({
      name,
      shop: (await import(`../../fixtures/shops/${name}/shop.json`)).default,
      catalog: (await import(`../../fixtures/shops/${name}/catalog.json`)).default,
      policies: (await import(`../../fixtures/shops/${name}/policies.json`)).default,
      orders: (await import(`../../fixtures/shops/${name}/orders.json`)).default as { customers: { id: string; name: string }[]; orders: FixtureOrder[] },
    })),
  );
  // The shopper's words per category: {n} the order, {item} an item of it.
  const asks = {
    cancellation: { text: 'Please cancel order {n}', categories: ['cancellation'], item: false },
    return: { text: 'I want to return the {item} from order {n}', categories: ['return', 'refund'], item: true },
    damaged_or_wrong_item: { text: 'The {item} from order {n} arrived damaged', categories: ['damaged_or_wrong_item'], item: true },
    refund: { text: 'I would like a refund for order {n}', categories: ['refund'], item: false },
  } as const;
  // Where the stage changes what the shopper is told (an independent reading of the issue, not the code's table).
  const told: Record<string, Partial<Record<string, keyof typeof en.reality>>> = {
    cancellation: { received: 'cancelBeforeShipping', processing: 'cancelBeforeShipping', shipped: 'cancelShipped', out_for_delivery: 'cancelShipped', delivered: 'cancelDelivered' },
    return: { shipped: 'returnNotArrived', out_for_delivery: 'returnNotArrived', processing: 'returnNotArrived', received: 'returnNotArrived' },
    damaged_or_wrong_item: {},
    refund: { shipped: 'returnNotArrived', out_for_delivery: 'returnNotArrived', processing: 'returnNotArrived', received: 'returnNotArrived' },
  };
  let seed = 22;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const cells = shops.flatMap((s) => Object.keys(asks).flatMap((category) => s.orders.orders.filter((o) => o.stage !== 'cancelled' && o.stage !== 'returned').map((order) => ({ s, category: category as keyof typeof asks, order }))));
  const drawn: typeof cells = [];
  while (drawn.length < 5) {
    const cell = cells[Math.floor(next() * cells.length)];
    if (!drawn.some((d) => d.category === cell.category && d.order.stage === cell.order.stage)) drawn.push(cell);
  }

  it.each(drawn.map((d) => [`${d.s.name}: ${d.category} on a ${d.order.stage} order (${d.order.number})`, d] as const))('%s', async (_, { s, category, order }) => {
    const shop = await createShop(undefined, { name: s.shop.name, settings: s.shop.settings });
    const admin = { authorization: `Bearer ${shop.adminKey}` };
    for (const [path, body] of [
      ['/catalog', { format: 'aisle', products: s.catalog.products }],
      ['/policies', { policies: s.policies.policies }],
      ['/orders', s.orders],
    ] as const) {
      const res = await api(`/v1/shops/${shop.shopId}${path}`, { ...json(body, admin), method: 'PUT' });
      expect(res.status, path).toBeLessThan(300);
    }
    const ask = asks[category];
    const item = order.items[order.items.length - 1].name;
    const text = ask.text.replace('{n}', order.number).replace('{item}', item);
    const name = s.orders.customers.find((c) => c.id === order.customerId)!.name;
    const token = await signCustomerToken(shop, order.customerId, { claims: { name } });
    const r = await chat(shop.shopId, { text }, { token });
    const tickets = await ticketsOf(shop, r.conversationId);
    expect(tickets, text).toHaveLength(1);
    const t = tickets[0];
    expect(ask.categories as readonly string[]).toContain(t.category);
    expect(t.order).toBe(order.number);
    expect(t.orders.map((o) => [o.number, o.stage])).toEqual([[order.number, order.stage]]);
    if (ask.item) expect(t.details).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'item', value: item })]));
    expect(t.policyPassages.length, 'a passage of the shop’s own policies').toBeGreaterThan(0);
    const ids = new Set(s.policies.policies.map((p: { id: string }) => p.id));
    for (const p of t.policyPassages) expect(ids.has(p.documentId)).toBe(true);
    expect(t.summary).toMatch(new RegExp(`^Customer: ${name} \\(verified customer\\)$`, 'm'));
    expect(t.summary).toMatch(new RegExp(`^Order: ${order.number}, ${order.stage.replace(/_/g, ' ')}`, 'm'));
    expect(t.summary).not.toMatch(/^Shopper: /m);
    const key = told[t.category]?.[order.stage];
    if (key) expect(r.text).toContain(fill(en.reality[key], { n: order.number }));
    // Minimal disclosure: the fixture's planted address, phone and email never reach the shopper.
    expect(r.text).not.toMatch(/LEAK-|@example\.test/);
  });
});

describe('the order settled in a later message of the conversation', () => {
  const say = async (shop: TestShop, conversationId: string, text: string) => {
    const token = await signCustomerToken(shop, CUSTOMER, { claims: { name: 'Rosa Lindgren' } });
    const r = await chat(shop.shopId, { conversationId, text }, { token });
    expect(r.res.status).toBe(200);
    return r;
  };

  it('the answer to "which order?" goes on the same ticket, with a ticket.updated event and an audit record', async () => {
    const shop = await shopWithOrders();
    const conversationId = crypto.randomUUID();
    const first = await say(shop, conversationId, 'I need to change my order');
    const [filed] = await ticketsOf(shop, conversationId);
    expect(filed.category).toBe('order_change');
    expect(filed.orders).toEqual([]);
    // Two open orders: the shopper is asked which one, once.
    expect(first.text).toContain(en.ask.whichOrder.split('{')[0].trim());

    const second = await say(shop, conversationId, 'order QX-3101');
    // The same request, now with its order: one ticket, the handoff card again, nothing filed twice.
    expect(dataOf<{ ticketId: string; category: string }>(second.parts, 'handoff').map((h) => [h.ticketId, h.category])).toEqual([[filed.id, 'order_change']]);
    const tickets = await ticketsOf(shop, conversationId);
    expect(tickets).toHaveLength(1);
    expect(tickets[0].order).toBe('QX-3101');
    expect(tickets[0].orders.map((o) => [o.number, o.stage])).toEqual([['QX-3101', 'shipped']]);
    expect(tickets[0].summary).toMatch(/^Order: QX-3101, shipped/m);
    expect(tickets[0].summary).not.toMatch(/^Asked the shopper: /m);
    const events = await env.DB.prepare('SELECT type, payload FROM outbox_events WHERE ticket_id = ? ORDER BY created_at, rowid').bind(filed.id).all<{ type: string; payload: string }>();
    expect(events.results.map((e) => e.type)).toEqual(['ticket.created', 'ticket.updated']);
    expect(JSON.parse(events.results[1].payload).data.order).toBe('QX-3101');
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'handoff'").bind(conversationId).all<{ data: string }>();
    expect(audit.results.map((a) => JSON.parse(a.data)).some((d) => d.action === 'ticket.updated' && JSON.stringify(d.to?.orders) === JSON.stringify(['QX-3101']))).toBe(true);
    // Another customer's number settles nothing: the ticket keeps no order of theirs.
    expect(JSON.stringify(tickets[0])).not.toContain('QX-3103');
  });

  it("another customer's number, or a question about another order, leaves the ticket without an order", async () => {
    const shop = await shopWithOrders();
    const conversationId = crypto.randomUUID();
    await say(shop, conversationId, 'I need to change my order');
    await say(shop, conversationId, 'QX-3103');
    const where = await say(shop, conversationId, 'where is order QX-3102 right now?');
    expect(dataOf(where.parts, 'handoff')).toEqual([]);
    expect(dataOf<{ number: string }>(where.parts, 'order').map((o) => o.number)).toEqual(['QX-3102']);
    const [t] = await ticketsOf(shop, conversationId);
    expect(t.orders).toEqual([]);
    expect(JSON.stringify(t)).not.toContain('QX-3103');
  });

  it('a problem reported right under an order card is about that order, not the only open one', async () => {
    const shop = await shopWithOrders();
    const conversationId = crypto.randomUUID();
    await say(shop, conversationId, 'what is the status of order QX-3090?');
    await say(shop, conversationId, 'it arrived damaged');
    const [t] = await ticketsOf(shop, conversationId);
    expect(t.category).toBe('damaged_or_wrong_item');
    expect(t.orders.map((o) => o.number)).toEqual(['QX-3090']);
  });
});
