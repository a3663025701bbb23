import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODE_RULES } from '../../../edge/src/guest/codes';
import { api, json, type TestShop } from '../helpers';
import { expectError } from '../shops/support';
import { GUEST_EMAIL, everythingStoredFor, guestConversation, guestShop, history, verify, verifyCountingStatements } from './support';

/**
 * The optional second factor, with the local email emulation: inside vitest nothing of the
 * send_email binding is visible, so the mail is read where the Mailer stores it, the outbox.
 */

let shop: TestShop;
beforeAll(async () => {
  shop = await guestShop({ guestOrders: { enabled: true, grantMinutes: 20, oneTimeCode: true } });
});

const sentCode = { requestId: 'vr_test', state: 'requested', code: true, text: "If the details match, we've sent a code to the order's email. Enter it here; it is valid for 10 minutes." };

async function mails() {
  const { results } = await env.DB.prepare('SELECT to_address, subject, text_body FROM mail_outbox WHERE shop_id = ? ORDER BY created_at').bind(shop.shopId).all<{ to_address: string; subject: string; text_body: string }>();
  return results;
}
const codeIn = (text: string) => text.split(' is ')[1]?.slice(0, 6) ?? '';

const sendCode = (c: { conversationId: string; secret: string }, code: string, ip = '198.51.100.30') =>
  api(`/v1/shops/${shop.shopId}/conversations/${c.conversationId}/verify-order/code`, json({ requestId: 'vr_test', code }, { 'x-aisle-conversation-secret': c.secret, 'cf-connecting-ip': ip }));

describe('one-time code', () => {
  it('answers every attempt alike, mails a 6-digit code only on a match, stores it hashed, and opens the order with it', async () => {
    const before = (await mails()).length;
    const answers = [];
    for (const [orderNumber, email] of [
      ['G-2001', 'wrong@example.com'],
      ['G-9999', GUEST_EMAIL],
    ]) {
      const c = await guestConversation(shop.shopId);
      answers.push(await (await verify(shop.shopId, { ...c, orderNumber, email, ip: '198.51.100.31' })).json());
    }
    expect((await mails()).length).toBe(before);

    const c = await guestConversation(shop.shopId, 'Where is my order?');
    const res = await verify(shop.shopId, { ...c, orderNumber: 'g2001', email: ` ${GUEST_EMAIL} `, ip: '198.51.100.32' });
    answers.push(await res.json());
    for (const a of answers) expect(a).toEqual(sentCode);

    const mail = (await mails()).at(-1)!;
    expect(mail.to_address).toBe(GUEST_EMAIL.toLowerCase());
    expect(mail.subject).toBe('Your code for order G-2001');
    const code = codeIn(mail.text_body);
    expect(code).toMatch(/^\d{6}$/);
    // Stored hashed: the code's digits are nowhere but in the mail itself.
    const row = await env.DB.prepare('SELECT code_hash, expires_at, created_at FROM guest_codes WHERE conversation_id = ?').bind(c.conversationId).first<{ code_hash: string; expires_at: string; created_at: string }>();
    expect(row!.code_hash).not.toContain(code);
    expect(Date.parse(row!.expires_at) - Date.parse(row!.created_at)).toBe(CODE_RULES.validMinutes * 60_000);
    expect((await everythingStoredFor(shop.shopId)).split(code).length - 1).toBe(1);

    // Nothing is shown before the code.
    expect(JSON.stringify(await history(shop.shopId, c.conversationId, c.secret))).not.toMatch(/DHL|Trail Runner|shipped/);

    const wrong = code === '000000' ? '000001' : '000000';
    expect(await (await sendCode(c, wrong)).json()).toMatchObject({ state: 'failed', text: expect.stringContaining("didn't work") });
    const ok = await sendCode(c, code);
    const body = (await ok.json()) as { state: string; orderNumber: string; expiresAt: string; message: { parts: { type: string }[] } };
    expect(body).toMatchObject({ state: 'verified', orderNumber: 'G-2001' });
    expect(body.message.parts.map((p) => p.type)).toEqual(['text', 'data-order']);
    const minutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(19);
    expect(minutes).toBeLessThanOrEqual(20);
    expect(JSON.stringify(await history(shop.shopId, c.conversationId, c.secret))).toContain('DHL');
    // Used once.
    expect(await (await sendCode(c, code)).json()).toMatchObject({ state: 'failed' });
  });

  it('gives a code 5 tries, and 10 minutes', async () => {
    const c = await guestConversation(shop.shopId);
    await verify(shop.shopId, { ...c, orderNumber: 'A-1001', email: 'alice.moreau@example.com', ip: '198.51.100.40' });
    const code = codeIn((await mails()).at(-1)!.text_body);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < CODE_RULES.maxAttempts; i++) expect(await (await sendCode(c, wrong, `198.51.100.${41 + i}`)).json()).toMatchObject({ state: 'failed' });
    // The right code no longer opens anything: the conversation is locked out of more tries too.
    const after = await sendCode(c, code, '198.51.100.49');
    await expectError(after, 429, 'rate_limited');

    // The code's own limit, apart from the lockout: after 5 tries the right code opens nothing.
    const e = await guestConversation(shop.shopId);
    await verify(shop.shopId, { ...e, orderNumber: 'A-1001', email: 'alice.moreau@example.com', ip: '198.51.100.52' });
    const spent = codeIn((await mails()).at(-1)!.text_body);
    await env.DB.prepare('UPDATE guest_codes SET attempts = ? WHERE conversation_id = ?').bind(CODE_RULES.maxAttempts, e.conversationId).run();
    expect(await (await sendCode(e, spent, '198.51.100.53')).json()).toMatchObject({ state: 'failed' });

    const d = await guestConversation(shop.shopId);
    await verify(shop.shopId, { ...d, orderNumber: 'A-1002', email: 'alice.moreau@example.com', ip: '198.51.100.50' });
    const late = codeIn((await mails()).at(-1)!.text_body);
    await env.DB.prepare("UPDATE guest_codes SET expires_at = '2000-01-01T00:00:00.000Z' WHERE conversation_id = ?").bind(d.conversationId).run();
    expect(await (await sendCode(d, late, '198.51.100.51')).json()).toMatchObject({ state: 'failed' });
  });

  it('mails at most 3 codes per order per hour, and answers the 4th request the same', async () => {
    const before = (await mails()).filter((m) => m.subject.includes('A-1009')).length;
    expect(before).toBe(0);
    // A-1009 does not exist in the fixtures; add a guest order to count codes on.
    const put = await api(`/v1/shops/${shop.shopId}/orders`, { ...json({ orders: [{ number: 'A-1009', email: 'count@example.com', stage: 'processing', items: [{ name: 'Cap', quantity: 1 }] }] }, { authorization: `Bearer ${shop.adminKey}` }), method: 'POST' });
    expect([200, 201]).toContain(put.status);
    for (let i = 0; i < 4; i++) {
      const c = await guestConversation(shop.shopId);
      expect(await (await verify(shop.shopId, { ...c, orderNumber: 'A-1009', email: 'count@example.com', ip: `198.51.100.${60 + i}` })).json()).toEqual(sentCode);
    }
    expect((await mails()).filter((m) => m.subject.includes('A-1009')).length).toBe(CODE_RULES.perOrderPerHour);

    // Erasure by email takes the code mails with it (and the order).
    const erased = await api(`/v1/shops/${shop.shopId}/customers/delete-by-email`, json({ email: 'Count@example.com' }, { authorization: `Bearer ${shop.adminKey}` }));
    expect(((await erased.json()) as { deleted: { mail: number; orders: number } }).deleted).toMatchObject({ mail: CODE_RULES.perOrderPerHour, orders: 1 });
    expect((await mails()).filter((m) => m.to_address === 'count@example.com')).toEqual([]);
  });

  it('runs the same D1 statements for a match, a wrong email and an unknown order', async () => {
    const runs = [];
    for (const [orderNumber, email] of [
      ['G-2001', GUEST_EMAIL],
      ['G-2001', 'wrong@example.com'],
      ['Z-4040', GUEST_EMAIL],
    ]) {
      const c = await guestConversation(shop.shopId);
      runs.push(await verifyCountingStatements(shop.shopId, { ...c, orderNumber, email, ip: '198.51.100.70' }));
    }
    for (const r of runs) expect(r.body).toEqual(sentCode);
    // The code mail goes after the answer (waitUntil): up to the answer, the very same statements.
    const beforeMail = (s: string[]) => s.filter((x) => !x.startsWith('INSERT INTO mail_outbox'));
    // The first was a match (its code mail was queued), the others were not.
    expect(runs.map((r) => r.statements.length - beforeMail(r.statements).length)).toEqual([1, 0, 0]);
    expect(beforeMail(runs[1].statements)).toEqual(beforeMail(runs[0].statements));
    expect(beforeMail(runs[2].statements)).toEqual(beforeMail(runs[0].statements));
  });

  it('is refused for a shop without codes', async () => {
    const plain = await guestShop();
    const c = await guestConversation(plain.shopId);
    await expectError(await api(`/v1/shops/${plain.shopId}/conversations/${c.conversationId}/verify-order/code`, json({ requestId: 'x', code: '123456' }, { 'x-aisle-conversation-secret': c.secret })), 403, 'forbidden');
  });
});
