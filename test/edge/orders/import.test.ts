import { beforeAll, describe, expect, it } from 'vitest';
import { api, createShop, signCustomerToken, type TestShop } from '../helpers';
import { customers, expectNoPersonalData, importAll, orders } from './fixtures';

/** The admin import API: validation per record, nothing written on error, replace vs upsert. */

let shop: TestShop;
beforeAll(async () => {
  shop = await createShop();
});

const myOrders = async (customerId: string) => {
  const res = await api(`/v1/shops/${shop.shopId}/me/orders`, { headers: { authorization: `Bearer ${await signCustomerToken(shop, customerId)}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { orders: { number: string; stage: string }[] }).orders;
};

type ErrorJson = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] } };

describe('PUT/POST /orders', () => {
  it('needs the admin key of this shop', async () => {
    const other = await createShop();
    for (const key of [undefined, shop.agentKey, other.adminKey]) {
      const res = await api(`/v1/shops/${shop.shopId}/orders`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ customers, orders }),
      });
      expect(res.status).toBe(401);
    }
    expect(await myOrders('cus_a')).toEqual([]);
  });

  it('rejects bad records with their paths and writes nothing', async () => {
    const bad = [
      orders[0],
      { ...orders[1], items: [] },
      { ...orders[2], stage: 'lost-in-space' },
      { ...orders[3], customerId: '' },
      { ...orders[0], number: 'nw 10042' },
    ];
    const res = await importAll(shop, { customers: [customers[0], { name: 'No id' }], orders: bad });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('invalid_request');
    const paths = body.error.issues!.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['customers.1.id', 'orders.1.items', 'orders.2.stage', 'orders.3.customerId', 'orders.4.number']));
    expect(paths.some((p) => p.startsWith('orders.0'))).toBe(false);
    expect(await myOrders('cus_a')).toEqual([]);
  });

  it('rejects a body that is not an import, or not JSON', async () => {
    expect((await importAll(shop, { orders: 'all of them' })).status).toBe(400);
    const res = await api(`/v1/shops/${shop.shopId}/orders`, { method: 'PUT', headers: { authorization: `Bearer ${shop.adminKey}` }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe('invalid_request');
  });

  it('replaces everything with PUT and upserts with POST', async () => {
    const put = await importAll(shop);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ accepted: 4, customers: 2, mode: 'replace' });
    expect((await myOrders('cus_a')).map((o) => o.number)).toEqual(['NW-10042', '#1042']);

    // POST: update one order, add one; the others stay.
    const post = await importAll(shop, { orders: [{ ...orders[0], stage: 'delivered' }, { ...orders[1], number: 'NW-30001', placedAt: '2026-11-25T10:00:00Z' }] }, 'POST');
    expect(await post.json()).toMatchObject({ accepted: 2, mode: 'upsert' });
    expect((await myOrders('cus_a')).map((o) => `${o.number}:${o.stage}`)).toEqual(['NW-30001:delivered', 'NW-10042:delivered', '#1042:delivered']);
    expect(await myOrders('cus_b')).toHaveLength(2);

    // PUT again with only customer B's orders: A's are gone.
    await importAll(shop, { customers, orders: orders.slice(2) });
    expect(await myOrders('cus_a')).toEqual([]);
    expect(await myOrders('cus_b')).toHaveLength(2);
  });

  it('lets agents read full records, personal fields included, while shopper views stay clean', async () => {
    await importAll(shop);
    const res = await api(`/v1/shops/${shop.shopId}/customers/cus_a/orders`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { orders: { number: string; payment?: { last4?: string } }[]; tookMs: number };
    expect(body.orders.map((o) => o.number)).toEqual(['NW-10042', '#1042']);
    expect(body.orders[0].payment?.last4).toBe('7319');
    expect(typeof body.tookMs).toBe('number');
    expectNoPersonalData(await myOrders('cus_a'));
    expect((await api(`/v1/shops/${shop.shopId}/customers/cus_a/orders`)).status).toBe(401);
  });
});
