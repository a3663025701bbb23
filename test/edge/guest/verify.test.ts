import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../edge/src/audit/log';
import { api, chat, json, signCustomerToken, type TestShop } from '../helpers';
import { expectError } from '../shops/support';
import { GUEST_EMAIL, everythingStoredFor, guestConversation, guestShop, history, newSecret, verify, verifyCountingStatements } from './support';

/** Order number plus email: one order, bound to the conversation secret, the same refusal for every miss. */

let shop: TestShop;
beforeAll(async () => {
  shop = await guestShop();
});

describe('verify-order', () => {
  it('opens the one order for a normalised email, readable only with the secret', async () => {
    const { conversationId, secret } = await guestConversation(shop.shopId);
    const res = await verify(shop.shopId, { conversationId, secret, orderNumber: '#g-2001', email: `  ${GUEST_EMAIL.toUpperCase().normalize('NFKC')}  ` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; orderNumber: string; expiresAt: string };
    expect(body).toMatchObject({ state: 'verified', orderNumber: 'G-2001' });
    const minutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);

    const mine = await history(shop.shopId, conversationId, secret);
    const card = mine.flatMap((m) => m.parts).find((p) => p.type === 'data-order');
    expect(card?.data).toMatchObject({ number: 'G-2001', stage: 'shipped', carrier: 'DHL', trackingMasked: '••••••2345' });
    expect(JSON.stringify(mine)).not.toMatch(/GUEST-MARKER|Ghent|guest\.buyer/i);

    // The same conversation id without the secret, or with another one, is an unknown conversation.
    for (const other of [undefined, newSecret()]) {
      const res = await api(`/v1/shops/${shop.shopId}/conversations/${conversationId}`, { headers: other ? { 'x-aisle-conversation-secret': other } : {} });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/G-2001|DHL/);
    }
  });

  it('gives a wrong email, an unknown order and a number with no digits the same refusal', async () => {
    const answers = [];
    for (const [orderNumber, email] of [
      ['G-2001', 'someone.else@example.com'],
      ['G-9999', GUEST_EMAIL],
      ['A-1001', GUEST_EMAIL],
      ['###', GUEST_EMAIL],
    ]) {
      const { conversationId, secret } = await guestConversation(shop.shopId);
      const res = await verify(shop.shopId, { conversationId, secret, orderNumber, email, ip: `203.0.113.${answers.length + 10}` });
      answers.push({ status: res.status, body: await res.json() });
      expect((await history(shop.shopId, conversationId, secret)).flatMap((m) => m.parts).filter((p) => p.type === 'data-order')).toEqual([]);
    }
    expect(answers[0]).toEqual({ status: 200, body: { requestId: 'vr_test', state: 'failed', text: expect.stringContaining("couldn't find an order") } });
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  });

  it('runs the same D1 statements for a match, a wrong email and an unknown order', async () => {
    const runs = [];
    for (const [orderNumber, email] of [
      ['G-2001', GUEST_EMAIL],
      ['G-2001', 'wrong@example.com'],
      ['Z-4040', GUEST_EMAIL],
    ]) {
      const { conversationId, secret } = await guestConversation(shop.shopId);
      runs.push(await verifyCountingStatements(shop.shopId, { conversationId, secret, orderNumber, email, ip: '198.51.100.7' }));
    }
    expect(runs.map((r) => (r.body as { state: string }).state)).toEqual(['verified', 'failed', 'failed']);
    expect(runs[0].statements.length).toBeGreaterThan(5);
    expect(runs[1].statements.length).toBe(runs[0].statements.length);
    expect(runs[2].statements.length).toBe(runs[0].statements.length);
    // Not only as many: the very same statements, in the same order.
    expect(runs[1].statements).toEqual(runs[0].statements);
    expect(runs[2].statements).toEqual(runs[0].statements);
  });

  it('keeps order facts and the typed email out of the audit and the history before a match', async () => {
    const { conversationId, secret } = await guestConversation(shop.shopId);
    await verify(shop.shopId, { conversationId, secret, orderNumber: 'G-2001', email: 'nearly.guest.buyer@example.com', ip: '192.0.2.50' });
    const audit = await listAudit(env.DB, shop.shopId, conversationId);
    const attempts = audit.filter((a) => a.kind === 'guest_verify');
    expect(attempts).toEqual([expect.objectContaining({ outcome: 'refused' })]);
    expect(JSON.stringify(audit)).not.toMatch(/G-2001|G2001|Trail Runner|DHL|shipped/);
    expect(JSON.stringify(await history(shop.shopId, conversationId, secret))).not.toMatch(/G-2001|Trail Runner|DHL/);

    const ok = await verify(shop.shopId, { conversationId, secret, orderNumber: 'G-2001', email: GUEST_EMAIL, ip: '192.0.2.50' });
    expect(((await ok.json()) as { state: string }).state).toBe('verified');
    const after = (await listAudit(env.DB, shop.shopId, conversationId)).filter((a) => a.kind === 'guest_verify');
    expect(after.at(-1)).toMatchObject({ outcome: 'verified', identity: 'order_verified_guest', orderNumber: 'G-2001' });

    const stored = await everythingStoredFor(shop.shopId);
    expect(stored).not.toContain('nearly.guest.buyer');
    // The order email itself is kept for agents only, in the order's private column.
    expect(stored.split(GUEST_EMAIL).length - 1).toBeLessThanOrEqual(1);
  });

  it('is bound to the secret the server issued: none, an invented one, an open or another shop\'s conversation all look unknown', async () => {
    const { conversationId, secret } = await guestConversation(shop.shopId);
    for (const presented of ['', 'new', newSecret(), secret.slice(0, -1) + (secret.endsWith('x') ? 'y' : 'x')]) {
      await expectError(await verify(shop.shopId, { conversationId, secret: presented, orderNumber: 'G-2001', email: GUEST_EMAIL }), 404, 'not_found');
    }
    await expectError(await verify(shop.shopId, { conversationId: crypto.randomUUID(), secret, orderNumber: 'G-2001', email: GUEST_EMAIL }), 404, 'not_found');
    const other = await guestShop();
    await expectError(await verify(other.shopId, { conversationId, secret, orderNumber: 'G-2001', email: GUEST_EMAIL }), 404, 'not_found');
    // A v1.0 client's `open` conversation (no secret asked for) cannot hold a grant, whatever it sends.
    const open = await chat(shop.shopId, { text: 'Hello' });
    await expectError(await verify(shop.shopId, { conversationId: open.conversationId, secret: newSecret(), orderNumber: 'G-2001', email: GUEST_EMAIL }), 404, 'not_found');
    // None of these attempts counted against the real conversation, which still verifies.
    expect(await (await verify(shop.shopId, { conversationId, secret, orderNumber: 'G-2001', email: GUEST_EMAIL })).json()).toMatchObject({ state: 'verified' });
  });

  it('is not for a signed-in customer\'s conversation', async () => {
    const token = await signCustomerToken(shop, 'cust-alice');
    const conversationId = crypto.randomUUID();
    const res = await api(`/v1/shops/${shop.shopId}/chat`, json({ conversationId, message: { text: 'Hello' } }, { 'x-aisle-conversation-secret': 'new', authorization: `Bearer ${token}` }));
    const secret = res.headers.get('x-aisle-conversation-secret')!;
    await res.text();
    await expectError(await verify(shop.shopId, { conversationId, secret, orderNumber: 'A-1001', email: 'alice.moreau@example.com' }), 404, 'not_found');
  });
});
