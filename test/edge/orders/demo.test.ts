import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../../edge/src/index';
import { api, createShop, json, type TestShop } from '../helpers';
import { expectNoPersonalData, importAll } from './fixtures';

/** Demo-only sign-in: present with DEMO_MODE=true (this test project's binding), absent otherwise. */

let demo: TestShop;
beforeAll(async () => {
  demo = await createShop('demo');
  expect((await importAll(demo)).status).toBe(200);
});

describe('demo endpoints with DEMO_MODE=true', () => {
  it("lists the demo shop's customers by name only", async () => {
    const res = await api('/demo-api/customers');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ customers: [{ id: 'cus_a', name: 'Ada Example' }, { id: 'cus_b', name: 'Ben Example' }] });
    expectNoPersonalData(body);
  });

  it("signs a token the shop's own verification accepts, for that customer only", async () => {
    const res = await api('/demo-api/token', json({ customerId: 'cus_b' }));
    expect(res.status).toBe(200);
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const mine = await api('/v1/shops/demo/me/orders', { headers: { authorization: `Bearer ${token}` } });
    expect(((await mine.json()) as { orders: { number: string }[] }).orders.map((o) => o.number).sort()).toEqual(['NW-20077', 'NW-20078']);
  });

  it('refuses unknown customers and extra fields', async () => {
    expect((await api('/demo-api/token', json({ customerId: 'cus_zzz' }))).status).toBe(404);
    expect((await api('/demo-api/token', json({ customerId: 'cus_a', ttlSeconds: 86400 }))).status).toBe(400);
  });
});

describe('demo endpoints with DEMO_MODE off', () => {
  for (const mode of ['false', '', undefined]) {
    it(`do not exist when DEMO_MODE is ${JSON.stringify(mode)}`, async () => {
      const off = { ...env, DEMO_MODE: mode } as Env;
      const list = await app.request('/demo-api/customers', {}, off);
      expect(list.status).toBe(404);
      expect(((await list.json()) as { error: { code: string } }).error.code).toBe('not_found');
      const token = await app.request('/demo-api/token', json({ customerId: 'cus_a' }), off);
      expect(token.status).toBe(404);
      expect(JSON.stringify(await token.json())).not.toContain('eyJ');
    });
  }
});
