import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../edge/src/audit/log';
import { chat, dataOf, textOf, type TestShop } from '../helpers';
import { GUEST_EMAIL, ALICE, everythingStoredFor, guestConversation, guestShop, guestTurn, history, verify } from './support';

/** The chat side of guest order help: the form is offered, nothing of an order before a match, one order after. */

let shop: TestShop;
beforeAll(async () => {
  shop = await guestShop();
});

type VerifyPart = { requestId: string; state: string; text: string };
const ORDER_FACTS = /shipped|in transit|DHL|Trail Runner|2345|processing|Cedar Candle|Alpine Jacket|delivered/i;

describe('guest order questions in the chat', () => {
  it('offers the order form, and says nothing about the order before a match', async () => {
    const { conversationId, secret, parts } = await guestConversation(shop.shopId, 'Where is my order G-2001?');
    const [offer] = dataOf<VerifyPart>(parts, 'verify-order');
    expect(offer).toMatchObject({ state: 'requested', requestId: expect.stringMatching(/^vr_/), text: expect.stringContaining('secure form') });
    expect(dataOf(parts, 'order')).toEqual([]);
    expect(textOf(parts)).not.toMatch(ORDER_FACTS);
    expect(textOf(parts)).not.toMatch(/sign in to your account first/);

    const audit = await listAudit(env.DB, shop.shopId, conversationId);
    expect(JSON.stringify(audit)).not.toMatch(ORDER_FACTS);
    expect(JSON.stringify(await history(shop.shopId, conversationId, secret))).not.toMatch(ORDER_FACTS);
  });

  it('removes an email typed next to an order number before it is stored, audited or answered, and offers the form', async () => {
    const typed = 'guest.buyer@example.com';
    const { conversationId, secret, parts } = await guestConversation(shop.shopId, `Hi, order G-2001, my email is ${typed}, where is it?`);
    expect(textOf(parts)).toContain('I removed the email address');
    expect(dataOf<VerifyPart>(parts, 'verify-order')[0]).toMatchObject({ state: 'requested' });
    const mine = await history(shop.shopId, conversationId, secret);
    expect(mine[0].parts[0].text).toContain('[email removed]');
    // Nowhere in the shop's rows (the order's own email is kept once, in its private column).
    const stored = await everythingStoredFor(shop.shopId);
    expect(stored.toLowerCase().split(typed).length - 1).toBeLessThanOrEqual(1);
    expect(JSON.stringify(await listAudit(env.DB, shop.shopId, conversationId))).not.toContain(typed);
  });

  it('removes an email typed in answer to the form offer, even without order words, and offers the form again', async () => {
    const c = await guestConversation(shop.shopId, 'Where is my order?');
    const typed = 'answer.to.form@example.com';
    const next = await guestTurn(shop.shopId, c, `it's ${typed}`);
    expect(next.text).toContain('I removed the email address');
    expect(dataOf<VerifyPart>(next.parts, 'verify-order')[0]).toMatchObject({ state: 'requested' });
    expect(await everythingStoredFor(shop.shopId)).not.toContain(typed);
    // Without a form offer before it, an address in a message is the shopper's to give (a contact for a person).
    const other = await guestConversation(shop.shopId, 'Hello');
    await guestTurn(shop.shopId, other, 'you can reach me at keep.me@example.com');
    expect(JSON.stringify(await history(shop.shopId, other.conversationId, other.secret))).toContain('keep.me@example.com');
  });

  it('after a match, the chat reads that one order only, and another order of the same customer looks missing', async () => {
    // Alice's order A-1002 verified by its number and her email: her other order A-1001 stays closed.
    const c = await guestConversation(shop.shopId, 'Where is my order?');
    const ok = await verify(shop.shopId, { ...c, orderNumber: 'A-1002', email: ALICE.email, ip: '203.0.113.77' });
    expect(await ok.json()).toMatchObject({ state: 'verified', orderNumber: 'A-1002' });

    const status = await guestTurn(shop.shopId, c, 'Where is my order?');
    expect(dataOf<{ number: string }>(status.parts, 'order').map((o) => o.number)).toEqual(['A-1002']);
    expect(status.text).toMatch(/A-1002/);

    const other = await guestTurn(shop.shopId, c, 'And what about order A-1001?');
    expect(dataOf(other.parts, 'order')).toEqual([]);
    expect(other.text).not.toMatch(/Alpine Jacket|delivered/i);
    const unknown = await guestTurn(shop.shopId, c, 'And what about order A-1999?');
    // Another order of the same customer reads exactly like one that does not exist.
    expect(other.text.replace('A-1001', 'X')).toBe(unknown.text.replace('A-1999', 'X'));

    const turns = (await listAudit(env.DB, shop.shopId, c.conversationId)).filter((a) => a.kind === 'turn');
    expect(turns.at(-1)).toMatchObject({ identity: 'order_verified_guest', guestGrant: { orderNumber: 'A-1002' } });
  });

  it('hands off with that order and the level order-verified guest', async () => {
    const c = await guestConversation(shop.shopId, 'Where is my order?');
    await verify(shop.shopId, { ...c, orderNumber: 'A-1002', email: ALICE.email, ip: '203.0.113.79' });
    const turn = await guestTurn(shop.shopId, c, 'I want to cancel order A-1002 please');
    const [handoff] = dataOf<{ ticketId: string }>(turn.parts, 'handoff');
    expect(handoff?.ticketId).toBeTruthy();
    const row = await env.DB.prepare('SELECT data FROM tickets WHERE id = ?').bind(handoff.ticketId).first<{ data: string }>();
    const ticket = JSON.parse(row!.data) as { customer: { level: string; id: string | null; email: string | null }; orders: { number: string }[]; order: string | null; riskFlags: string[] };
    expect(ticket.customer).toMatchObject({ level: 'order_verified_guest', id: null, email: null });
    expect(ticket.orders.map((o) => o.number)).toEqual(['A-1002']);
    expect(ticket.order).toBe('A-1002');
    expect(ticket.riskFlags).not.toContain('unverified_customer');
  });

  it('hides the order again once the grant has expired', async () => {
    const c = await guestConversation(shop.shopId, 'Where is my order?');
    await verify(shop.shopId, { ...c, orderNumber: 'G-2001', email: GUEST_EMAIL, ip: '203.0.113.78' });
    expect(JSON.stringify(await history(shop.shopId, c.conversationId, c.secret))).toContain('DHL');
    await env.DB.prepare("UPDATE guest_grants SET expires_at = '2000-01-01T00:00:00.000Z' WHERE conversation_id = ?").bind(c.conversationId).run();
    const after = await history(shop.shopId, c.conversationId, c.secret);
    expect(JSON.stringify(after)).not.toMatch(/DHL|Trail Runner/);
    expect(JSON.stringify(after)).toContain('Order details hidden');
    const next = await guestTurn(shop.shopId, c, 'Where is my order?');
    expect(dataOf(next.parts, 'order')).toEqual([]);
    expect(dataOf<VerifyPart>(next.parts, 'verify-order')[0]).toMatchObject({ state: 'requested' });
  });

  it('offers no form to a v1.0 client without a conversation secret (it could not hold a grant)', async () => {
    const open = await chat(shop.shopId, { text: 'Where is my order G-2001?' });
    expect(dataOf(open.parts, 'verify-order')).toEqual([]);
    expect(open.text).toMatch(/sign in/);
  });
});
