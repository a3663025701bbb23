import { env } from 'cloudflare:test';
import { sign } from 'hono/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken as signForMerchant } from '../../../edge/src/identity/sign';
import { encryptSecret } from '../../../edge/src/lib/crypto';
import { getShop, updateShop } from '../../../edge/src/shops/store';
import { api, createShop, json, signCustomerToken, type TestShop } from '../helpers';

/**
 * Every way a customer token can be wrong, checked through the real app on the shopper
 * endpoint that reads orders (`GET /me/orders`). A rejected token must never fall back to guest.
 */

const b64url = (s: string | Uint8Array) =>
  btoa(typeof s === 'string' ? s : String.fromCharCode(...s))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');

async function hmac(alg: 'SHA-256' | 'SHA-512', secret: string, data: string) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: alg }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data)));
}

/** A token with any header and claims, HMAC-signed (SHA-256 unless told). */
async function craft(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string, hash: 'SHA-256' | 'SHA-512' = 'SHA-256') {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(await hmac(hash, secret, input))}`;
}

const now = () => Math.floor(Date.now() / 1000);

let shop: TestShop;
let other: TestShop;
const claimsFor = (s: TestShop, extra: Record<string, unknown> = {}) => ({ iss: s.shopId, aud: 'aisle', sub: 'cus_1', iat: now(), exp: now() + 600, ...extra });

const myOrders = (s: TestShop, token: string) => api(`/v1/shops/${s.shopId}/me/orders`, { headers: { authorization: `Bearer ${token}` } });

async function expectRejected(res: Response, code: 'invalid_token' | 'token_expired') {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string; issues?: unknown } };
  expect(body.error.code).toBe(code);
  // No detail: the same message for every reason, and no issues list.
  expect(body.error.message).toBe(code === 'invalid_token' ? 'The customer token is not valid' : 'The customer token has expired');
  expect(body.error.issues).toBeUndefined();
}

beforeAll(async () => {
  shop = await createShop();
  other = await createShop();
});

describe('customer tokens', () => {
  it('accepts a token signed as documented and reads as that customer', async () => {
    const res = await myOrders(shop, await signCustomerToken(shop, 'cus_1'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ orders: [] });
  });

  it('accepts the merchant signing helper, with and without kid', async () => {
    for (const kid of [shop.identityKid, undefined]) {
      const token = await signForMerchant({ shopId: shop.shopId, secret: shop.identitySecret, kid, customerId: 'cus_1', name: 'Ana' });
      expect((await myOrders(shop, token)).status).toBe(200);
    }
  });

  it('treats no Authorization header as a guest, not an error', async () => {
    const res = await api(`/v1/shops/${shop.shopId}/me/orders`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  const cases: [string, () => Promise<string>][] = [
    ['garbage', async () => 'not-a-token'],
    ['three garbage parts', async () => 'a.b.c'],
    ['alg none', async () => `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claimsFor(shop)))}.`],
    ['alg none with a signature', async () => craft({ alg: 'none' }, claimsFor(shop), shop.identitySecret)],
    ['HS512 with the right secret', async () => craft({ alg: 'HS512', typ: 'JWT' }, claimsFor(shop), shop.identitySecret, 'SHA-512')],
    ['HS512 via hono', async () => sign(claimsFor(shop), shop.identitySecret, 'HS512')],
    ['RS256 claimed, HMAC-signed', async () => craft({ alg: 'RS256', typ: 'JWT' }, claimsFor(shop), shop.identitySecret)],
    ['wrong iss', async () => craft({ alg: 'HS256' }, claimsFor(shop, { iss: other.shopId }), shop.identitySecret)],
    ['missing iss', async () => craft({ alg: 'HS256' }, claimsFor(shop, { iss: undefined }), shop.identitySecret)],
    ['wrong aud', async () => craft({ alg: 'HS256' }, claimsFor(shop, { aud: 'someone-else' }), shop.identitySecret)],
    ['nbf in the future', async () => craft({ alg: 'HS256' }, claimsFor(shop, { nbf: now() + 300 }), shop.identitySecret)],
    ['iat in the future', async () => craft({ alg: 'HS256' }, claimsFor(shop, { iat: now() + 600, exp: now() + 900 }), shop.identitySecret)],
    ['lifetime over the cap', async () => craft({ alg: 'HS256' }, claimsFor(shop, { iat: now() - 10, exp: now() + 7200 }), shop.identitySecret)],
    ['unknown kid', async () => craft({ alg: 'HS256', kid: 'k-nope' }, claimsFor(shop), shop.identitySecret)],
    ['bad signature', async () => craft({ alg: 'HS256' }, claimsFor(shop), 'not-the-secret')],
    ['tampered claims', async () => {
      const good = await signCustomerToken(shop, 'cus_1');
      const [h, , s] = good.split('.');
      return `${h}.${b64url(JSON.stringify(claimsFor(shop, { sub: 'cus_2' })))}.${s}`;
    }],
    ['missing sub', async () => craft({ alg: 'HS256' }, claimsFor(shop, { sub: undefined }), shop.identitySecret)],
    ['missing exp', async () => craft({ alg: 'HS256' }, claimsFor(shop, { exp: undefined }), shop.identitySecret)],
    ['exp as a string', async () => craft({ alg: 'HS256' }, claimsFor(shop, { exp: String(now() + 600) }), shop.identitySecret)],
    ['shop A token used on shop B', async () => signCustomerToken(other, 'cus_1')],
    ['expired and forged', async () => craft({ alg: 'HS256' }, claimsFor(shop, { iat: now() - 1000, exp: now() - 100 }), 'not-the-secret')],
  ];

  for (const [name, make] of cases) {
    it(`rejects ${name} with invalid_token`, async () => {
      await expectRejected(await myOrders(shop, await make()), 'invalid_token');
    });
  }

  it('says token_expired only for a genuine token that expired', async () => {
    const token = await signCustomerToken(shop, 'cus_1', { claims: { iat: now() - 1000, exp: now() - 5 } });
    await expectRejected(await myOrders(shop, token), 'token_expired');
  });

  it('refuses a malformed Authorization header instead of treating it as a guest', async () => {
    const res = await api(`/v1/shops/${shop.shopId}/me/orders`, { headers: { authorization: 'Basic abc' } });
    await expectRejected(res, 'invalid_token');
  });

  it('respects a shop that lowers its lifetime cap', async () => {
    const strict = await createShop(undefined, { settings: { maxTokenLifetimeSeconds: 300 } });
    expect((await myOrders(strict, await signCustomerToken(strict, 'cus_1', { claims: { exp: now() + 290 } }))).status).toBe(200);
    await expectRejected(await myOrders(strict, await signCustomerToken(strict, 'cus_1', { claims: { exp: now() + 900 } })), 'invalid_token');
  });
});

describe('identity secret rotation', () => {
  it('accepts tokens of both live keys at once, and drops a retired one', async () => {
    const rotating = await createShop();
    const record = (await getShop(env.DB, rotating.shopId))!;
    const newSecret = 'second-identity-secret-for-rotation-test';
    const k2 = { kid: 'k2', secret: await encryptSecret(env.AISLE_SECRET_KEY, newSecret), createdAt: new Date().toISOString() };
    await updateShop(env.DB, rotating.shopId, { identityKeys: [k2, ...record.identityKeys] });

    const old = await signCustomerToken(rotating, 'cus_1', { header: { kid: rotating.identityKid } });
    const fresh = await signCustomerToken(rotating, 'cus_1', { secret: newSecret, header: { kid: 'k2' } });
    const freshNoKid = await signCustomerToken(rotating, 'cus_1', { secret: newSecret });
    for (const t of [old, fresh, freshNoKid]) expect((await myOrders(rotating, t)).status).toBe(200);
    // A kid must match its own secret: the old kid with the new secret is not valid.
    await expectRejected(await myOrders(rotating, await signCustomerToken(rotating, 'cus_1', { secret: newSecret, header: { kid: rotating.identityKid } })), 'invalid_token');

    await updateShop(env.DB, rotating.shopId, { identityKeys: [k2] });
    await expectRejected(await myOrders(rotating, old), 'invalid_token');
    expect((await myOrders(rotating, fresh)).status).toBe(200);
  });
});

describe('POST /tokens (admin)', () => {
  it('issues a token that verifies as the customer, with its expiry', async () => {
    const res = await api(`/v1/shops/${shop.shopId}/tokens`, json({ customerId: 'cus_9', ttlSeconds: 600 }, { authorization: `Bearer ${shop.adminKey}` }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; expiresAt: string };
    const ms = Date.parse(body.expiresAt) - Date.now();
    expect(ms).toBeGreaterThan(590_000);
    expect(ms).toBeLessThanOrEqual(600_000);
    expect((await myOrders(shop, body.token)).status).toBe(200);
    const [, payload] = body.token.split('.');
    expect(JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))).toMatchObject({ iss: shop.shopId, aud: 'aisle', sub: 'cus_9' });
  });

  it('needs the admin key and refuses a lifetime over the cap', async () => {
    const path = `/v1/shops/${shop.shopId}/tokens`;
    expect((await api(path, json({ customerId: 'cus_9' }))).status).toBe(401);
    expect((await api(path, json({ customerId: 'cus_9' }, { authorization: `Bearer ${shop.agentKey}` }))).status).toBe(401);
    expect((await api(path, json({ customerId: 'cus_9' }, { authorization: `Bearer ${other.adminKey}` }))).status).toBe(401);
    const over = await api(path, json({ customerId: 'cus_9', ttlSeconds: 7200 }, { authorization: `Bearer ${shop.adminKey}` }));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });
});
