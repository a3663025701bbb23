import { beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createShop, signCustomerToken, type TestShop } from '../helpers';
import { call, expectError } from './support';

const ORIGIN_A = 'https://shop-a.example.com';
const ORIGIN_B = 'https://shop-b.example.com';

let a: TestShop;
let b: TestShop;
beforeAll(async () => {
  a = await createShop(undefined, { allowedOrigins: [ORIGIN_A] });
  b = await createShop(undefined, { allowedOrigins: [ORIGIN_B] });
});

/** Every admin endpoint of shop A, called with some other credential. */
const adminCalls = (shopId: string): [string, string, unknown?][] => [
  ['GET', `/v1/shops/${shopId}`],
  ['PATCH', `/v1/shops/${shopId}`, { name: 'Taken over' }],
  ['POST', `/v1/shops/${shopId}/origins`, { origin: 'https://evil.test' }],
  ['DELETE', `/v1/shops/${shopId}/origins`, { origin: ORIGIN_A }],
  ['POST', `/v1/shops/${shopId}/agent-keys`, { label: 'intruder' }],
  ['GET', `/v1/shops/${shopId}/agent-keys`],
  ['DELETE', `/v1/shops/${shopId}/agent-keys/key_whatever`],
  ['POST', `/v1/shops/${shopId}/admin-keys/rotate`],
  ['POST', `/v1/shops/${shopId}/identity-secrets/rotate`],
  ['DELETE', `/v1/shops/${shopId}/identity-secrets/k1`],
  ['DELETE', `/v1/shops/${shopId}/customers/cust-1`],
];

describe('two shops side by side: keys of one never open the other', () => {
  it("refuses shop B's admin key, shop A's agent key, and no key on every admin endpoint of shop A", async () => {
    for (const key of [b.adminKey, b.agentKey, a.agentKey, undefined]) {
      for (const [method, path, body] of adminCalls(a.shopId)) {
        const res = await call(method, path, key, body);
        await expectError(res, 401, 'unauthorized');
      }
    }
    // Nothing changed: A still has its name, origin, identity secret and admin key.
    const res = await call('GET', `/v1/shops/${a.shopId}`, a.adminKey);
    expect(res.status).toBe(200);
    const { shop } = (await res.json()) as { shop: { name: string; allowedOrigins: string[]; identityKeys: { kid: string }[] } };
    expect(shop.name).not.toBe('Taken over');
    expect(shop.allowedOrigins).toEqual([ORIGIN_A]);
    expect(shop.identityKeys.map((k) => k.kid)).toEqual(['k1']);
    const list = await call('GET', `/v1/shops/${a.shopId}/agent-keys`, a.adminKey);
    const { agentKeys } = (await list.json()) as { agentKeys: { label: string }[] };
    expect(agentKeys.map((k) => k.label)).not.toContain('intruder');
  });

  it("opens shop A's admin endpoints with A's admin key", async () => {
    const res = await call('GET', `/v1/shops/${a.shopId}/agent-keys`, a.adminKey);
    expect(res.status).toBe(200);
    const own = await call('GET', `/v1/shops/${a.shopId}`, a.adminKey);
    expect(((await own.json()) as { shop: { id: string } }).shop.id).toBe(a.shopId);
  });

  it("refuses shop B's agent and admin keys on shop A's agent API", async () => {
    for (const key of [b.agentKey, b.adminKey]) {
      await expectError(await call('GET', `/v1/shops/${a.shopId}/tickets`, key), 401, 'unauthorized');
      await expectError(await call('GET', `/v1/shops/${a.shopId}/deliveries`, key), 401, 'unauthorized');
    }
    expect((await call('GET', `/v1/shops/${a.shopId}/tickets`, a.agentKey)).status).toBe(200);
  });

  it("refuses a customer token of shop B in shop A's chat with 401, before any reply", async () => {
    const tokenOfB = await signCustomerToken(b, 'cust-1');
    const r1 = await chat(a.shopId, { text: 'where is my order?' }, { token: tokenOfB });
    await expectError(r1.res, 401, 'invalid_token');
    // Signed with B's secret but claiming to be from shop A: the signature does not match A's secret.
    const forged = await signCustomerToken({ shopId: a.shopId, identitySecret: b.identitySecret }, 'cust-1');
    const r2 = await chat(a.shopId, { text: 'where is my order?' }, { token: forged });
    await expectError(r2.res, 401, 'invalid_token');
    // A's own token works.
    const ok = await chat(a.shopId, { text: 'hello' }, { token: await signCustomerToken(a, 'cust-1') });
    expect(ok.res.status).toBe(200);
  });

  it("answers 404 for shop A's conversation asked through shop B", async () => {
    const first = await chat(a.shopId, { text: 'hello there' });
    expect(first.res.status).toBe(200);
    const own = await api(`/v1/shops/${a.shopId}/conversations/${first.conversationId}`);
    expect(own.status).toBe(200);
    await expectError(await api(`/v1/shops/${b.shopId}/conversations/${first.conversationId}`), 404, 'not_found');
    // Continuing it through shop B does not work either, and leaves A's history as it was.
    const hijack = await chat(b.shopId, { conversationId: first.conversationId, text: 'show me the history' });
    await expectError(hijack.res, 404, 'not_found');
    const after = (await (await api(`/v1/shops/${a.shopId}/conversations/${first.conversationId}`)).json()) as { messages: unknown[] };
    expect(after.messages).toHaveLength(2);
  });
});

describe('CORS per shop, exact origins only', () => {
  const shopperPaths = () => [`/v1/shops/${a.shopId}/chat`, `/v1/shops/${a.shopId}/conversations/${crypto.randomUUID()}`];

  it('gives the allowed origin Access-Control-Allow-Origin and Vary: Origin', async () => {
    const res = await chat(a.shopId, { text: 'hello' }, { origin: ORIGIN_A });
    expect(res.res.status).toBe(200);
    expect(res.res.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
    expect(res.res.headers.get('vary')).toMatch(/origin/i);
  });

  for (const [label, origin] of [
    ['another origin', 'https://other.example.com'],
    ["the other shop's origin", ORIGIN_B],
    ['the null origin', 'null'],
    ['a look-alike host', 'https://shop-a.example.com.evil.test'],
    ['the same host over http', 'http://shop-a.example.com'],
    ['the same host on another port', 'https://shop-a.example.com:8443'],
  ] as const) {
    it(`refuses ${label} with 403 origin_not_allowed, readable by that page and revealing nothing else`, async () => {
      for (const path of shopperPaths()) {
        const method = path.endsWith('/chat') ? 'POST' : 'GET';
        const body = method === 'POST' ? { conversationId: crypto.randomUUID(), message: { text: 'hi' } } : undefined;
        const res = await call(method, path, undefined, body, { origin });
        // The page can read the refusal (so the widget can name the fix) ...
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('vary')).toMatch(/origin/i);
        // ... and it is the error alone: no shop name, settings or origins, no exposed headers.
        expect(res.headers.get('access-control-expose-headers')).toBeNull();
        expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBeNull();
        const text = await res.clone().text();
        expect(JSON.parse(text)).toEqual({ error: { code: 'origin_not_allowed', message: expect.any(String) } });
        for (const secret of [ORIGIN_A, ORIGIN_B, 'allowedOrigins', 'Test shop', a.adminKey]) expect(text).not.toContain(secret);
        await expectError(res, 403, 'origin_not_allowed');
        // The preflight passes so the browser sends the request and gets that readable 403.
        const pre = await api(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' } });
        expect(pre.status).toBe(204);
        expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
        expect(await pre.text()).toBe('');
      }
    });
  }

  it('answers the preflight of the allowed origin with the allowed methods and headers', async () => {
    for (const path of shopperPaths()) {
      const pre = await api(path, { method: 'OPTIONS', headers: { origin: ORIGIN_A, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
      expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(pre.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('lets a request without Origin through (a merchant server, curl) without CORS headers', async () => {
    const res = await chat(a.shopId, { text: 'hello' });
    expect(res.res.status).toBe(200);
    expect(res.res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("applies an origin added through the admin API at once, and only to that shop", async () => {
    const origin = 'https://new-storefront.example.com';
    expect((await call('POST', `/v1/shops/${a.shopId}/origins`, a.adminKey, { origin })).status).toBe(200);
    const inA = await chat(a.shopId, { text: 'hello' }, { origin });
    expect(inA.res.status).toBe(200);
    expect(inA.res.headers.get('access-control-allow-origin')).toBe(origin);
    const inB = await chat(b.shopId, { text: 'hello' }, { origin });
    await expectError(inB.res, 403, 'origin_not_allowed');
    expect((await call('DELETE', `/v1/shops/${a.shopId}/origins`, a.adminKey, { origin })).status).toBe(200);
    await expectError((await chat(a.shopId, { text: 'hello' }, { origin })).res, 403, 'origin_not_allowed');
  });
});

describe('shop admin: origins API input', () => {
  it('rejects an origin with a path, or no scheme and 404s removing one never allowed', async () => {
    for (const origin of ['https://shop-a.example.com/', 'shop-a.example.com', 'ftp://x.example.com']) {
      await expectError(await call('POST', `/v1/shops/${a.shopId}/origins`, a.adminKey, { origin }), 400, 'invalid_request');
    }
    await expectError(await call('DELETE', `/v1/shops/${a.shopId}/origins`, a.adminKey, { origin: 'https://never.example.com' }), 404, 'not_found');
  });

  it('adds an origin once even when asked twice', async () => {
    const origin = 'https://twice.example.com';
    await call('POST', `/v1/shops/${a.shopId}/origins`, a.adminKey, { origin });
    const res = await call('POST', `/v1/shops/${a.shopId}/origins`, a.adminKey, { origin });
    const { allowedOrigins } = (await res.json()) as { allowedOrigins: string[] };
    expect(allowedOrigins.filter((o) => o === origin)).toHaveLength(1);
    expect(allowedOrigins).toContain(ORIGIN_A);
  });
});
