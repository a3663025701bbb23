import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDER_SLOWDOWN, orderDelayMs } from '../../../edge/src/guest/attempts';
import type { TestShop } from '../helpers';
import { expectError } from '../shops/support';
import { GUEST_EMAIL, guestConversation, guestShop, verify } from './support';

/** Lockouts per client and per conversation; per order number only a growing delay, never a lock. */

let shop: TestShop;
beforeAll(async () => {
  shop = await guestShop();
});

const refusal = { requestId: 'vr_test', state: 'failed', text: expect.stringContaining("couldn't find an order") };

describe('guest order check abuse limits', () => {
  it('locks one conversation after 5 misses, with a clear message, even for the right details', async () => {
    const { conversationId, secret } = await guestConversation(shop.shopId);
    for (let i = 0; i < 5; i++) {
      const res = await verify(shop.shopId, { conversationId, secret, orderNumber: `Q-${300 + i}`, email: GUEST_EMAIL, ip: '203.0.113.200' });
      expect(await res.json()).toEqual(refusal);
    }
    const locked = await verify(shop.shopId, { conversationId, secret, orderNumber: 'G-2001', email: GUEST_EMAIL, ip: '203.0.113.200' });
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = await expectError(locked, 429, 'rate_limited');
    expect(body.error.message).toMatch(/Too many attempts.*paused for about 15 minutes/);

    // Another conversation from the same client is not locked by this one.
    const fresh = await guestConversation(shop.shopId);
    const ok = await verify(shop.shopId, { ...fresh, orderNumber: 'G-2001', email: GUEST_EMAIL, ip: '203.0.113.200' });
    expect(((await ok.json()) as { state: string }).state).toBe('verified');
  });

  it('locks one client after 20 misses across conversations; another client still gets in', async () => {
    const ip = '198.51.100.99';
    for (let i = 0; i < 20; i++) {
      const { conversationId, secret } = await guestConversation(shop.shopId);
      const res = await verify(shop.shopId, { conversationId, secret, orderNumber: `C-${500 + i}`, email: 'x@example.com', ip });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    const next = await guestConversation(shop.shopId);
    const body = await expectError(await verify(shop.shopId, { ...next, orderNumber: 'G-2001', email: GUEST_EMAIL, ip }), 429, 'rate_limited');
    expect(body.error.message).toMatch(/Too many attempts/);

    const other = await guestConversation(shop.shopId);
    const ok = await verify(shop.shopId, { ...other, orderNumber: 'G-2001', email: GUEST_EMAIL, ip: '198.51.100.100' });
    expect(((await ok.json()) as { state: string }).state).toBe('verified');
  });

  it('only slows an order number under attack: the same refusal, later and later, and its owner still gets in', async () => {
    const target = 'A-1002';
    // Alice's order has her email from the import's customer record.
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { conversationId, secret } = await guestConversation(shop.shopId);
      const started = Date.now();
      const res = await verify(shop.shopId, { conversationId, secret, orderNumber: target, email: `guess${i}@example.com`, ip: `192.0.2.${100 + i}` });
      timings.push(Date.now() - started);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(refusal);
    }
    // Misses 4 and 5 waited 250 and 500 ms before answering.
    expect(timings[3]).toBeGreaterThanOrEqual(orderDelayMs(3));
    expect(timings[4]).toBeGreaterThanOrEqual(orderDelayMs(4));
    expect(orderDelayMs(4)).toBe(ORDER_SLOWDOWN.baseMs * 2);

    // An unknown order number right now answers exactly like the throttled one.
    const probe = await guestConversation(shop.shopId);
    expect(await (await verify(shop.shopId, { ...probe, orderNumber: 'A-1999', email: 'guess@example.com', ip: '192.0.2.150' })).json()).toEqual(refusal);

    // Never a lock: the owner, from a fresh conversation, is let in (after the current delay).
    const owner = await guestConversation(shop.shopId);
    const started = Date.now();
    const ok = await verify(shop.shopId, { ...owner, orderNumber: 'a 1002', email: 'ALICE.MOREAU@example.com', ip: '192.0.2.160' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(orderDelayMs(5));
    expect(await ok.json()).toMatchObject({ state: 'verified', orderNumber: 'A-1002' });
    // A match clears the order's count; the next check is not slowed.
    const row = await env.DB.prepare("SELECT failures FROM guest_attempts WHERE shop_id = ? AND scope = 'order' AND key = 'A1002'").bind(shop.shopId).first<{ failures: number }>();
    expect(row?.failures).toBe(0);
  });
});
