import { env } from 'cloudflare:test';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { Ticket } from '../../../shared/ticket';
import { createModelEngine } from '../../../edge/src/engines/model';
import { writeModelDraft } from '../../../edge/src/engines/model/draft';
import { getShop } from '../../../edge/src/shops/store';
import { api, chat, createShop, json, signCustomerToken, type TestShop, useEngine } from '../helpers';
import { scriptedModel } from '../assistant/mock-model';

/**
 * With a model configured, the agent's draft on a new ticket is written by the model from the
 * ticket's facts, after the reply. It is guarded like a reply (no claimed action, no figure or
 * order number that is not in the facts, no JSON), and an agent's own change wins.
 */
afterEach(() => useEngine(null));

const usage = { inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 40, text: 40, reasoning: 0 } };
function draftModel(text: string | Error) {
  const prompts: unknown[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      prompts.push(options.prompt);
      if (text instanceof Error) throw text;
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
  });
  return { model, prompts };
}

async function shopWithOrder(): Promise<TestShop> {
  const shop = await createShop();
  const admin = { authorization: `Bearer ${shop.adminKey}` };
  const put = (path: string, body: unknown) => api(`/v1/shops/${shop.shopId}${path}`, { ...json(body, admin), method: 'PUT' });
  expect((await put('/policies', { policies: [{ id: 'returns', title: 'Returns', body: 'Unworn items can be returned within 30 days of delivery for a refund.' }] })).status).toBe(200);
  expect(
    (
      await put('/orders', {
        customers: [{ id: 'cus-d', name: 'Dana Ruiz', email: 'dana@example.com' }],
        orders: [{ number: 'DR-501', customerId: 'cus-d', stage: 'delivered', placedAt: '2026-11-10T10:00:00Z', items: [{ name: 'Copper Kettle', quantity: 1 }] }],
      })
    ).status,
  ).toBeLessThan(300);
  return shop;
}

async function ticketAfterDraft(shop: TestShop, conversationId: string, changed: (t: Ticket) => boolean): Promise<Ticket> {
  for (let i = 0; i < 40; i++) {
    const res = await api(`/v1/shops/${shop.shopId}/tickets?limit=10`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
    const t = ((await res.json()) as { tickets: Ticket[] }).tickets.find((x) => x.conversationId === conversationId);
    if (t && changed(t)) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the draft never changed');
}

describe('the model writes the agent draft of a new ticket', () => {
  it('replaces the deterministic draft, keeps only guarded sentences, and sends ticket.updated', async () => {
    const shop = await shopWithOrder();
    const reply = scriptedModel([{ text: 'Thanks!' }]);
    const drafted = draftModel(
      [
        'Hi Dana,',
        '',
        'Thank you for writing about the Copper Kettle from order DR-501, which was delivered.',
        'I have refunded your order in full.',
        'We can also add a €25 credit to your account.',
        'Our returns policy says unworn items can be returned within 30 days of delivery.',
        '{"tool":"getMyOrders"} is what I used.',
        'Order DR-999 is on its way too.',
        '',
        'Best wishes, the team',
      ].join('\n'),
    );
    useEngine(() => ({ primary: createModelEngine(() => reply.model), name: 'model', draft: () => drafted.model }));
    const token = await signCustomerToken(shop, 'cus-d', { claims: { name: 'Dana Ruiz' } });
    const r = await chat(shop.shopId, { text: 'I want a refund for my copper kettle' }, { token });
    expect(r.res.status).toBe(200);
    const t = await ticketAfterDraft(shop, r.conversationId, (x) => x.suggestedReply.includes('Thank you for writing'));
    expect(t.category).toBe('refund');
    expect(t.suggestedReply).toContain('Copper Kettle from order DR-501');
    expect(t.suggestedReply).toContain('within 30 days of delivery');
    for (const dropped of ['refunded your order', '€25', 'getMyOrders', 'DR-999']) expect(t.suggestedReply).not.toContain(dropped);
    // The model saw the ticket's facts, not the customer's email.
    const prompt = JSON.stringify(drafted.prompts[0]);
    expect(prompt).toContain('DR-501');
    expect(prompt).toContain('Unworn items can be returned');
    expect(prompt).not.toContain('dana@example.com');
    const { results } = await env.DB.prepare("SELECT type FROM outbox_events WHERE shop_id = ? AND ticket_id = ? ORDER BY created_at").bind(shop.shopId, t.id).all<{ type: string }>();
    expect(results.map((e) => e.type)).toEqual(['ticket.created', 'ticket.updated']);
    // The shopper's reply never waited for, or saw, the draft.
    expect(r.text).not.toContain('Thank you for writing');
  });

  it('keeps the deterministic draft when the model fails, and sends no update', async () => {
    const shop = await shopWithOrder();
    const reply = scriptedModel([{ text: 'Thanks!' }]);
    const drafted = draftModel(new Error('model down'));
    useEngine(() => ({ primary: createModelEngine(() => reply.model), name: 'model', draft: () => drafted.model }));
    const token = await signCustomerToken(shop, 'cus-d', { claims: { name: 'Dana Ruiz' } });
    const r = await chat(shop.shopId, { text: 'I want a refund for my copper kettle' }, { token });
    const res = await api(`/v1/shops/${shop.shopId}/tickets?limit=10`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
    const t = ((await res.json()) as { tickets: Ticket[] }).tickets.find((x) => x.conversationId === r.conversationId)!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.suggestedReply).toContain('DR-501');
    const { results } = await env.DB.prepare('SELECT type FROM outbox_events WHERE ticket_id = ?').bind(t.id).all<{ type: string }>();
    expect(results.map((e) => e.type)).toEqual(['ticket.created']);
  });

  it('never overwrites a ticket that changed since it was filed', async () => {
    const shop = await shopWithOrder();
    const token = await signCustomerToken(shop, 'cus-d', { claims: { name: 'Dana Ruiz' } });
    const r = await chat(shop.shopId, { text: 'I want a refund for my copper kettle' }, { token });
    const res = await api(`/v1/shops/${shop.shopId}/tickets?limit=10`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
    const filed = ((await res.json()) as { tickets: Ticket[] }).tickets.find((x) => x.conversationId === r.conversationId)!;
    await env.DB.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').bind(new Date(Date.now() + 1000).toISOString(), filed.id).run();
    const drafted = draftModel('Hi Dana, thank you for your patience while we look at the Copper Kettle from order DR-501 that was delivered.');
    const written = await writeModelDraft(env, (await getShop(env.DB, shop.shopId))!, filed, () => drafted.model);
    expect(written).toBe(false);
    const row = await env.DB.prepare('SELECT data FROM tickets WHERE id = ?').bind(filed.id).first<{ data: string }>();
    expect(JSON.parse(row!.data).suggestedReply).toBe(filed.suggestedReply);
  });
});
