import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGetMyOrderTool } from '../../../edge/src/ai/tools/get-my-order';
import { createGetMyOrdersTool } from '../../../edge/src/ai/tools/get-my-orders';
import { api, createShop, json, type TestShop } from '../helpers';
import { expectNoPersonalData, makeTurn, orders, verified } from './fixtures';

/**
 * A shop that serves orders from its own endpoint. The merchant's server is the one outside
 * system replaced here (fetch is intercepted); everything on our side is real.
 */

const ENDPOINT = 'https://merchant.example/aisle/orders';
let shop: TestShop;

beforeAll(async () => {
  shop = await createShop();
  const res = await api(`/v1/shops/${shop.shopId}`, {
    ...json({ settings: { orderEndpoint: { url: ENDPOINT, timeoutMs: 300 } } }, { authorization: `Bearer ${shop.adminKey}` }),
    method: 'PATCH',
  });
  expect(res.status).toBe(200);
});

afterEach(() => vi.restoreAllMocks());

interface Asked {
  customerId: string;
  orderNumber?: string;
}

/** Intercepts the merchant's endpoint; records each request and its raw body. */
function merchant(answer: (asked: Asked, signal?: AbortSignal | null) => Response | Promise<Response>) {
  const seen: (Request & { rawBody: string })[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (!req.url.startsWith(ENDPOINT)) return real(input, init);
    const rawBody = await req.clone().text();
    seen.push(Object.assign(req, { rawBody }));
    return answer(JSON.parse(rawBody) as Asked, init?.signal);
  });
  return seen;
}

const body = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

describe('merchant order endpoint', () => {
  it('asks for the verified customer only, with a Standard Webhooks signature', async () => {
    const seen = merchant(() => body({ orders: [orders[0], orders[1]] }));
    const { turn, cards } = await makeTurn(shop.shopId, verified('cus_a'));
    const out = await createGetMyOrdersTool(turn).execute!({}, { toolCallId: 't', messages: [] });
    expect('orders' in out && out.orders.map((o) => o.number)).toEqual(['NW-10042', '#1042']);
    expect(cards()).toHaveLength(2);
    expectNoPersonalData([out, cards()]);

    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('POST');
    expect(JSON.parse(seen[0].rawBody)).toEqual({ customerId: 'cus_a' });
    const headers = Object.fromEntries(seen[0].headers);
    // Any Standard Webhooks library verifies it with the shop's identity secret (raw bytes)...
    expect(() => new Webhook(shop.identitySecret, { format: 'raw' }).verify(seen[0].rawBody, headers)).not.toThrow();
    expect(() => new Webhook('another-secret-entirely', { format: 'raw' }).verify(seen[0].rawBody, headers)).toThrow();
    // ...and the customer is part of what is signed: a replay for someone else fails.
    expect(() => new Webhook(shop.identitySecret, { format: 'raw' }).verify(JSON.stringify({ customerId: 'cus_b' }), headers)).toThrow();
  });

  it("drops any order of another customer the endpoint returns, so it looks missing", async () => {
    const seen = merchant((asked) => body({ orders: asked.orderNumber ? [orders[2]] : [orders[0], orders[2], orders[3]] }));
    const { turn, cards } = await makeTurn(shop.shopId, verified('cus_a'));
    expect(await createGetMyOrdersTool(turn).execute!({}, { toolCallId: 't', messages: [] })).toMatchObject({ orders: [{ number: 'NW-10042' }] });
    const one = await createGetMyOrderTool(turn).execute!({ orderNumber: 'NW-20077' }, { toolCallId: 't', messages: [] });
    expect(one).toEqual({ found: false, orderNumber: 'NW-20077' });
    expect(JSON.parse(seen[1].rawBody).orderNumber).toBe('NW-20077');
    expect(cards().map((c) => c.number)).toEqual(['NW-10042']);
  });

  it('treats a 404 for one order as not found, and ignores malformed orders', async () => {
    merchant((asked) => (asked.orderNumber ? new Response('nope', { status: 404 }) : body({ orders: [{ number: 'X' }, orders[1]] })));
    const { turn } = await makeTurn(shop.shopId, verified('cus_a'));
    expect(await createGetMyOrderTool(turn).execute!({ orderNumber: '1042' }, { toolCallId: 't', messages: [] })).toEqual({ found: false, orderNumber: '1042' });
    expect(await createGetMyOrdersTool(turn).execute!({}, { toolCallId: 't', messages: [] })).toMatchObject({ orders: [{ number: '#1042' }] });
  });

  it('fails loudly (a tool failure, not "no orders") when the endpoint is down or slow', async () => {
    merchant(() => new Response('oops', { status: 503 }));
    const down = await makeTurn(shop.shopId, verified('cus_a'));
    await expect(createGetMyOrdersTool(down.turn).execute!({}, { toolCallId: 't', messages: [] })).rejects.toThrow(/503/);
    expect(down.turn.evidence.toolCalls[0]).toMatchObject({ name: 'getMyOrders', error: expect.stringContaining('503') });

    vi.restoreAllMocks();
    // Never answers: only the request's own timeout can end the wait.
    merchant((_url, signal) => new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))));
    const slow = await makeTurn(shop.shopId, verified('cus_a'));
    const started = Date.now();
    await expect(createGetMyOrdersTool(slow.turn).execute!({}, { toolCallId: 't', messages: [] })).rejects.toThrow(/unreachable/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
