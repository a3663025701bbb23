import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emailHmacHex } from '../../../edge/src/orders/email-hash';
import { api, createShop, dataOf, json, type TestShop } from '../helpers';
import { guestConversation, guestTurn, verify } from './support';

/**
 * Guest order help against the merchant's own order endpoint: the signed request carries the
 * order number and emailHmac = HMAC-SHA256(identity secret, normalised email), never the email;
 * the merchant answers only on a match. The merchant's server is the one thing replaced here.
 */

const ENDPOINT = 'https://merchant.example/aisle/guest-orders';
const EMAIL = 'Jane.Doe@Example.com';
const ORDER = { number: 'MX-5001', stage: 'shipped', placedAt: '2026-11-21T10:00:00Z', items: [{ name: 'Canvas Tote', quantity: 1 }] };
let shop: TestShop;

beforeAll(async () => {
  shop = await createShop();
  const res = await api(`/v1/shops/${shop.shopId}`, { ...json({ settings: { orderEndpoint: { url: ENDPOINT, timeoutMs: 500 } } }, { authorization: `Bearer ${shop.adminKey}` }), method: 'PATCH' });
  expect(res.status).toBe(200);
});
afterEach(() => vi.restoreAllMocks());

/** The merchant: answers MX-5001 only when the emailHmac is the one of its order's email. */
function merchant() {
  const seen: { headers: Record<string, string>; raw: string }[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (!req.url.startsWith(ENDPOINT)) return real(input, init);
    const raw = await req.text();
    seen.push({ headers: Object.fromEntries(req.headers), raw });
    const asked = JSON.parse(raw) as { orderNumber: string; emailHmac: string };
    const expected = await emailHmacHex(shop.identitySecret, EMAIL);
    const hit = asked.orderNumber.toUpperCase().replace('-', '') === 'MX5001' && asked.emailHmac === expected;
    return new Response(JSON.stringify({ orders: hit ? [ORDER] : [] }), { headers: { 'content-type': 'application/json' } });
  });
  return seen;
}

describe('guest order help with the merchant endpoint', () => {
  it('matches the published test vector', async () => {
    // README "Guest order help": the same vector, so a merchant can check their own code.
    expect(await emailHmacHex('whsec_aisle_test_vector_identity_secret', '  Jane.Doe@Example.COM ')).toBe('bb0d7fa5425909841e0381ea4ae0ef04db54d7c1d53679cb87378338ab1fdce5');
    expect(await emailHmacHex('whsec_aisle_test_vector_identity_secret', 'Ｊａｎｅ.Doe@Example.com')).toBe('bb0d7fa5425909841e0381ea4ae0ef04db54d7c1d53679cb87378338ab1fdce5');
  });

  it('sends the order number and the email HMAC, signed, never the email; the merchant decides', async () => {
    const seen = merchant();
    const wrong = await guestConversation(shop.shopId);
    expect(await (await verify(shop.shopId, { ...wrong, orderNumber: 'MX-5001', email: 'jane@other.example', ip: '192.0.2.201' })).json()).toMatchObject({ state: 'failed' });

    const c = await guestConversation(shop.shopId);
    const ok = await verify(shop.shopId, { ...c, orderNumber: 'mx-5001', email: ` ${EMAIL.toUpperCase()} `, ip: '192.0.2.202' });
    expect(await ok.json()).toMatchObject({ state: 'verified', orderNumber: 'MX-5001' });

    expect(seen).toHaveLength(2);
    for (const s of seen) {
      expect(s.raw.toLowerCase()).not.toContain('jane');
      // Any Standard Webhooks library verifies it with the identity secret.
      expect(() => new Webhook(shop.identitySecret, { format: 'raw' }).verify(s.raw, s.headers)).not.toThrow();
    }
    expect(JSON.parse(seen[1].raw)).toEqual({ orderNumber: 'mx-5001', emailHmac: await emailHmacHex(shop.identitySecret, EMAIL) });

    // The grant reads the order live again, with the same HMAC, and only that order.
    const next = await guestTurn(shop.shopId, c, 'Where is my order?');
    expect(dataOf<{ number: string }>(next.parts, 'order').map((o) => o.number)).toEqual(['MX-5001']);
    expect(JSON.parse(seen.at(-1)!.raw)).toEqual({ orderNumber: 'MX-5001', emailHmac: await emailHmacHex(shop.identitySecret, EMAIL) });
  });
});
