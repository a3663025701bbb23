import { beforeAll, describe, expect, it } from 'vitest';
import { createGetMyOrderTool } from '../../../edge/src/ai/tools/get-my-order';
import { compactOrder, createGetMyOrdersTool } from '../../../edge/src/ai/tools/get-my-orders';
import type { Turn } from '../../../edge/src/turn/context';
import { describeOrder, maskTrackingNumber, toOrderCard } from '../../../edge/src/orders/card';
import { orderSourceFor } from '../../../edge/src/orders/source';
import { OrderRecord } from '../../../shared/order';
import { createShop, type TestShop } from '../helpers';
import { expectNoPersonalData, importAll, makeTurn, orders, verified } from './fixtures';

/** The order tools as the engines call them: `execute` on a turn with a verified identity we control. */

let shop: TestShop;
beforeAll(async () => {
  shop = await createShop();
  expect((await importAll(shop)).status).toBe(200);
});

const options = (name: string) => ({ toolCallId: name, messages: [] });
const getOne = (turn: Turn, orderNumber: string) => createGetMyOrderTool(turn).execute!({ orderNumber }, options('getMyOrder'));
const list = (turn: Turn, limit?: number) => createGetMyOrdersTool(turn).execute!({ ...(limit ? { limit } : {}) }, options('getMyOrders'));

describe('getMyOrder', () => {
  it("shows the customer's own order as a card, with tracking masked", async () => {
    const { turn, cards } = await makeTurn(shop.shopId, verified('cus_a'));
    const out = await getOne(turn, 'NW-10042');
    expect(out).toMatchObject({ found: true, order: { number: 'NW-10042', stage: 'shipped', carrier: 'DHL', trackingEnding: '3456' } });
    expect(cards()).toEqual([
      {
        number: 'NW-10042',
        status: 'Shipped',
        stage: 'shipped',
        carrier: 'DHL',
        trackingMasked: '••••••3456',
        estimatedDelivery: '2026-11-27',
        placedAt: '2026-11-20T10:00:00Z',
        items: [{ name: 'Trail Jacket', quantity: 1, options: 'Colour: Moss, Size: M' }],
      },
    ]);
    expect(turn.evidence.orders.map((o) => o.number)).toEqual(['NW-10042']);
    expect(turn.evidence.toolCalls).toMatchObject([{ name: 'getMyOrder', summary: { orders: ['NW-10042'] } }]);
  });

  it('finds an order however the shopper spells its number', async () => {
    for (const spelling of ['nw-10042', '#NW-10042', 'NW 10042', ' nw10042 ', '10042']) {
      const { turn } = await makeTurn(shop.shopId, verified('cus_a'));
      expect(await getOne(turn, spelling), spelling).toMatchObject({ found: true, order: { number: 'NW-10042' } });
    }
    for (const spelling of ['1042', '#1042']) {
      const { turn } = await makeTurn(shop.shopId, verified('cus_a'));
      expect(await getOne(turn, spelling), spelling).toMatchObject({ found: true, order: { number: '#1042' } });
    }
  });

  it("answers another customer's order number exactly like a number that does not exist", async () => {
    const foreign = await makeTurn(shop.shopId, verified('cus_a'));
    const missing = await makeTurn(shop.shopId, verified('cus_a'));
    const a = await getOne(foreign.turn, 'NW-20077');
    const b = await getOne(missing.turn, 'NW-99999');
    expect(a).toEqual({ found: false, orderNumber: 'NW-20077' });
    expect({ ...b, orderNumber: 'NW-20077' }).toEqual(a);
    expect(foreign.parts).toEqual([]);
    expect(foreign.turn.evidence.orders).toEqual([]);
    // Digits of someone else's order do not find it either.
    expect(await getOne((await makeTurn(shop.shopId, verified('cus_a'))).turn, '20077')).toMatchObject({ found: false });
    expectNoPersonalData([a, foreign.turn.evidence]);
  });

  it('refuses a guest without reading anything', async () => {
    const { turn, parts } = await makeTurn(shop.shopId, { level: 'guest' });
    const out = await getOne(turn, 'NW-10042');
    expect(out).toMatchObject({ error: 'sign_in_required' });
    expect(parts).toEqual([]);
    expect(turn.evidence.fallbackReason).toBe('permission_refused');
    expect(JSON.stringify(out)).not.toContain('Trail Jacket');
  });

  it('never lets the model name the customer: the input schema has only orderNumber', async () => {
    const { turn } = await makeTurn(shop.shopId, verified('cus_a'));
    const tool = createGetMyOrderTool(turn);
    const schema = tool.inputSchema as unknown as { shape: Record<string, unknown> };
    expect(Object.keys(schema.shape)).toEqual(['orderNumber']);
    // Extra arguments a model might invent are ignored: the answer is still the verified customer's view.
    const out = await tool.execute!({ orderNumber: 'NW-20077', customerId: 'cus_b' } as never, options('getMyOrder'));
    expect(out).toEqual({ found: false, orderNumber: 'NW-20077' });
    expect(Object.keys((createGetMyOrdersTool(turn).inputSchema as unknown as { shape: object }).shape)).toEqual(['limit']);
  });
});

describe('getMyOrders', () => {
  it("lists only the customer's own orders, newest first", async () => {
    const { turn, cards } = await makeTurn(shop.shopId, verified('cus_a'));
    const out = await list(turn);
    expect('orders' in out && out.orders.map((o) => o.number)).toEqual(['NW-10042', '#1042']);
    expect(cards().map((c) => c.number)).toEqual(['NW-10042', '#1042']);
    expect(turn.evidence.fallbackReason).toBeUndefined();
  });

  it('flags several active orders as ambiguous so the shopper is asked which one', async () => {
    const { turn, cards } = await makeTurn(shop.shopId, verified('cus_b'));
    const out = await list(turn);
    expect(out).toMatchObject({ ambiguous: true, activeCount: 2 });
    expect(turn.evidence.fallbackReason).toBe('ambiguous_order');
    expect(cards().map((c) => c.number).sort()).toEqual(['NW-20077', 'NW-20078']);
  });

  it('honours the limit and is empty for a customer without orders', async () => {
    const one = await makeTurn(shop.shopId, verified('cus_a'));
    expect(await list(one.turn, 1)).toMatchObject({ orders: [{ number: 'NW-10042' }] });
    const none = await makeTurn(shop.shopId, verified('cus_nobody'));
    expect(await list(none.turn)).toEqual({ orders: [], activeCount: 0 });
    expect(none.parts).toEqual([]);
  });

  it('refuses a guest', async () => {
    const { turn, parts } = await makeTurn(shop.shopId, { level: 'guest' });
    expect(await list(turn)).toMatchObject({ error: 'sign_in_required' });
    expect(parts).toEqual([]);
    expect(turn.evidence.fallbackReason).toBe('permission_refused');
  });

  it('never returns address, phone, email or card digits in outputs, cards or evidence', async () => {
    for (const id of ['cus_a', 'cus_b']) {
      const { turn, parts } = await makeTurn(shop.shopId, verified(id));
      const outs = [await list(turn, 20), await getOne(turn, 'NW-10042'), await getOne(turn, 'NW-20078')];
      expectNoPersonalData([outs, parts, turn.evidence.orders, turn.evidence.toolCalls]);
    }
  });
});

describe('order source', () => {
  it('throws a permission error for a guest: there is no way to pass a customer id', async () => {
    const { turn } = await makeTurn(shop.shopId, { level: 'guest' });
    expect(() => orderSourceFor(turn)).toThrow(/sign in/i);
    expect(orderSourceFor.length).toBe(1);
  });
});

describe('order cards and sentences', () => {
  it('masks tracking to a fixed width plus its last 4 characters', () => {
    expect(maskTrackingNumber('JJD000390007123456')).toBe('••••••3456');
    expect(maskTrackingNumber('AB12345')).toBe('••••••2345');
    expect(maskTrackingNumber('1234')).toBe('••••••');
  });

  it('describes an order in plain words in four languages', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const card = toOrderCard(OrderRecord.parse(orders[0]));
    expect(describeOrder(card, 'en', now)).toBe('Your order NW-10042 has shipped with DHL (tracking ending 3456) and should arrive by 27 November.');
    expect(describeOrder(card, 'es', now)).toBe('Tu pedido NW-10042 ha sido enviado con DHL (seguimiento terminado en 3456) y debería llegar el 27 de noviembre.');
    expect(describeOrder(card, 'fr', now)).toBe("Votre commande NW-10042 a été expédiée avec DHL (suivi se terminant par 3456) et devrait arriver d'ici le 27 novembre.");
    expect(describeOrder(card, 'de', now)).toBe('Ihre Bestellung NW-10042 wurde mit DHL (Sendungsnummer endet auf 3456) versandt und sollte bis zum 27. November ankommen.');
    const delivered = toOrderCard(OrderRecord.parse(orders[1]), 'de');
    expect(delivered.status).toBe('Zugestellt');
    expect(delivered.estimatedDelivery).toBeUndefined();
    expect(describeOrder(delivered, 'en', now)).toBe('Your order #1042 has been delivered.');
  });

  it('carries an https carrier link in the card only, for a verified customer only, never in text or model input', async () => {
    const url = 'https://www.dhl.com/track?id=JJD000390007123456';
    const record = (trackingUrl: string) =>
      OrderRecord.parse({ ...orders[0]!, fulfilments: (orders[0]!.fulfilments ?? []).map((f) => ({ ...f, trackingUrl })) });
    expect(toOrderCard(record(url), 'en', { trackingLink: true }).trackingUrl).toBe(url);
    // Not asked for (a guest, an unverified turn): no link.
    expect(toOrderCard(record(url))).not.toHaveProperty('trackingUrl');
    // http, or credentials in the URL: no link.
    expect(toOrderCard(record('http://www.dhl.com/track?id=1'), 'en', { trackingLink: true })).not.toHaveProperty('trackingUrl');
    expect(toOrderCard(record('https://u:p@www.dhl.com/track'), 'en', { trackingLink: true })).not.toHaveProperty('trackingUrl');
    const card = toOrderCard(record(url), 'en', { trackingLink: true });
    expect(describeOrder(card, 'en')).not.toContain('JJD0003900071');
    expect(JSON.stringify(compactOrder(card))).not.toMatch(/dhl\.com|JJD0003900071/);
  });

  it('shows no carrier or tracking before an order has shipped', () => {
    const card = toOrderCard(
      OrderRecord.parse({ ...orders[2], fulfilments: [{ carrier: 'GLS', trackingNumber: 'GLS000111222', status: 'pending' }] }),
    );
    expect(card).not.toHaveProperty('trackingMasked');
    expect(card).not.toHaveProperty('carrier');
    expect(describeOrder(card, 'en')).toBe('Your order NW-20077 is being prepared for shipping.');
  });
});
