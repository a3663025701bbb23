import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, dataOf, seedDemoShop, type TestShop } from '../helpers';
import { chatWith, faultyD1 } from './support';

/**
 * D1 failing at each write of a turn. The shopper always gets an honest answer and a finished
 * stream; what is stored is a whole turn, or the shopper's message with a failure record, or
 * nothing; never a reply without its audit record. The next turn, and a resend, work.
 */

const healthy = {};
const failing = (match: (sql: string, values: unknown[]) => boolean) => ({ DB: faultyD1(env.DB, match) });
const isAssistantMessage = (sql: string, values: unknown[]) => sql.startsWith('INSERT INTO messages') && values[3] === 'assistant';
const isUserMessage = (sql: string, values: unknown[]) => sql.startsWith('INSERT INTO messages') && values[3] === 'user';

async function stored(shop: TestShop, conversationId: string) {
  const history = (await (await api(`/v1/shops/${shop.shopId}/conversations/${conversationId}`)).json()) as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
  const audit = (await (await api(`/v1/shops/${shop.shopId}/conversations/${conversationId}/audit`, { headers: { authorization: `Bearer ${shop.agentKey}` } })).json()) as {
    audit: { kind: string; turnId: string; stage?: string; fallbackReason?: string | null; ticketId?: string | null }[];
  };
  return {
    roles: history.messages.map((m) => m.role),
    userTexts: history.messages.filter((m) => m.role === 'user').map((m) => m.parts.map((p) => p.text ?? '').join('')),
    audit: audit.audit,
  };
}

const notSaved = /couldn't save this part of our conversation/;

describe('D1 fails during a turn', () => {
  it('when the reply is written: the shopper is told, the stored message keeps a failure record, a resend is not stored twice', async () => {
    const shop = await seedDemoShop();
    const conversationId = crypto.randomUUID();
    const question = 'Do you have a waterproof jacket?';
    const r = await chatWith(failing(isAssistantMessage), shop.shopId, conversationId, question);
    expect(r.res.status).toBe(200);
    expect(r.parts.at(-1)?.type).toBe('finish');
    expect(dataOf<{ text: string }>(r.parts, 'notice').map((n) => n.text)).toEqual([expect.stringMatching(notSaved)]);

    const after = await stored(shop, conversationId);
    expect(after.roles).toEqual(['user']);
    // The failure record marks the unanswered message; no turn record claims a reply that is not there.
    expect(after.audit.map((a) => [a.kind, a.stage])).toEqual([['failure', 'store_reply']]);

    // The shopper sends it again: one stored message, now answered, and the conversation goes on.
    const again = await chatWith(healthy, shop.shopId, conversationId, question);
    expect(dataOf(again.parts, 'notice')).toEqual([]);
    expect(dataOf(again.parts, 'products').length).toBeGreaterThan(0);
    const next = await chatWith(healthy, shop.shopId, conversationId, 'What is your return policy?');
    expect(next.text).toMatch(/return/i);
    const final = await stored(shop, conversationId);
    expect(final.roles).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(final.userTexts).toEqual([question, 'What is your return policy?']);
    expect(final.audit.filter((a) => a.kind === 'turn')).toHaveLength(2);
  });

  it('when the audit record is written: nothing of the turn is stored (no reply without its audit), and the next turn works', async () => {
    const shop = await seedDemoShop();
    const conversationId = crypto.randomUUID();
    const r = await chatWith(failing((sql) => sql.startsWith('INSERT INTO audit_events')), shop.shopId, conversationId, 'show me fleece jackets');
    expect(r.res.status).toBe(200);
    expect(r.parts.at(-1)?.type).toBe('finish');
    expect(dataOf<{ text: string }>(r.parts, 'notice').map((n) => n.text)).toEqual([expect.stringMatching(notSaved)]);
    expect(await stored(shop, conversationId)).toEqual({ roles: [], userTexts: [], audit: [] });

    await chatWith(healthy, shop.shopId, conversationId, 'show me fleece jackets');
    await chatWith(healthy, shop.shopId, conversationId, 'How long does shipping take?');
    const final = await stored(shop, conversationId);
    expect(final.userTexts).toEqual(['show me fleece jackets', 'How long does shipping take?']);
    expect(final.roles).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(final.audit.filter((a) => a.kind === 'turn')).toHaveLength(2);
  });

  it('when the ticket is written: no ticket is announced, none half-stored, the shopper hears it failed, and asking again creates exactly one', async () => {
    const shop = await seedDemoShop();
    const conversationId = crypto.randomUUID();
    const ask = 'I want a refund for my order';
    const r = await chatWith(failing((sql) => sql.startsWith('INSERT INTO tickets')), shop.shopId, conversationId, ask);
    expect(r.res.status).toBe(200);
    expect(r.text).toMatch(/couldn't pass your request to our team/);
    expect(dataOf(r.parts, 'handoff')).toEqual([]);
    const count = async (table: 'tickets' | 'outbox_events') =>
      (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE shop_id = ?`).bind(shop.shopId).first<{ n: number }>())!.n;
    expect([await count('tickets'), await count('outbox_events')]).toEqual([0, 0]);
    const after = await stored(shop, conversationId);
    expect(after.roles).toEqual(['user', 'assistant']);
    expect(after.audit.find((a) => a.kind === 'turn')).toMatchObject({ fallbackReason: 'database_failure', ticketId: null });

    const again = await chatWith(healthy, shop.shopId, conversationId, ask);
    const [handoff] = dataOf<{ ticketId: string }>(again.parts, 'handoff');
    expect(handoff.ticketId).toMatch(/^tkt_/);
    const ticket = await env.DB.prepare('SELECT id FROM tickets WHERE shop_id = ? AND conversation_id = ?').bind(shop.shopId, conversationId).all<{ id: string }>();
    expect(ticket.results.map((t) => t.id)).toEqual([handoff.ticketId]);
    expect(await count('outbox_events')).toBe(1);
  });

  it("when the shopper's message is written: the shopper still gets an answer and is told it was not saved", async () => {
    const shop = await seedDemoShop();
    const conversationId = crypto.randomUUID();
    const r = await chatWith(failing(isUserMessage), shop.shopId, conversationId, 'How long does shipping take?');
    expect(r.res.status).toBe(200);
    expect(r.text).toMatch(/ship/i);
    expect(dataOf<{ text: string }>(r.parts, 'notice').map((n) => n.text)).toEqual([expect.stringMatching(notSaved)]);
    const after = await stored(shop, conversationId);
    expect(after.roles).toEqual([]);
    // The audit trail still has the turn, with the failure.
    expect(after.audit.filter((a) => a.kind === 'turn')).toHaveLength(1);
    expect(after.audit.filter((a) => a.kind === 'failure').map((a) => a.stage)).toEqual(['store_message']);

    await chatWith(healthy, shop.shopId, conversationId, 'How long does shipping take?');
    expect((await stored(shop, conversationId)).roles).toEqual(['user', 'assistant']);
  });
});
