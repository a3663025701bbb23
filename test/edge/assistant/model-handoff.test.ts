import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../shared/ticket';
import { createModelEngine } from '../../../edge/src/engines/model';
import { api, chat, dataOf, seedDemoShop, type ScriptStep, type TestShop, useEngine } from '../helpers';
import { scriptedModel } from './mock-model';

/**
 * Issue 15, the model's handOff: it may add a handoff the gate missed, but code decides from
 * the shopper's message whether there is one and what it is about. Reading of the issue (its
 * text says both "otherwise `other` with `model_only`" and "a question with none of those
 * concepts gets no ticket"): with a money, fulfilment or person concept the category comes from
 * the analysis; without one, a QUESTION gets no ticket and is answered, anything else gets an
 * `other` ticket flagged `model_only` and is still answered. The open ticket of the conversation
 * is reused, and a turn shows one handoff card.
 */
let shop: TestShop;
beforeAll(async () => {
  shop = await seedDemoShop();
});
afterEach(() => useEngine(null));

function useModel(script: ScriptStep[]) {
  const scripted = scriptedModel(script);
  useEngine(() => ({ primary: createModelEngine(() => scripted.model), name: 'model' }));
  return scripted;
}

async function ticketsOf(conversationId: string): Promise<Ticket[]> {
  const res = await api(`/v1/shops/${shop.shopId}/tickets?limit=200`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tickets: Ticket[] }).tickets.filter((t) => t.conversationId === conversationId);
}

const handOff = (category: string, reason = 'Shopper needs a person') => ({ toolCalls: [{ toolName: 'handOff', input: { category, reason } }] });

describe("the model's handOff, decided by code", () => {
  it('a product question gets no ticket, whatever category the model asks for, and is answered', async () => {
    useModel([handOff('refund', 'Wants a refund'), { text: 'The Stormline jacket fits true to size.' }]);
    const r = await chat(shop.shopId, { text: 'Does the Stormline jacket run small?' });
    expect(dataOf(r.parts, 'handoff')).toEqual([]);
    expect(await ticketsOf(r.conversationId)).toEqual([]);
    expect(r.text).toContain('fits true to size');
  });

  it('a message with a money concept the gate let through: the category comes from the analysis, not the model', async () => {
    useModel([handOff('complaint', 'Asked about refunds'), { text: 'A specialist will confirm what is possible.' }]);
    const r = await chat(shop.shopId, { text: 'What is your refund policy?' });
    const cards = dataOf<{ ticketId: string; category: string }>(r.parts, 'handoff');
    expect(cards).toHaveLength(1);
    const [ticket] = await ticketsOf(r.conversationId);
    expect(ticket.category).toBe('refund');
    expect(ticket.source).toBe('model');
    expect(ticket.riskFlags).not.toContain('model_only');
  });

  it('no concept and not a question: an `other` ticket flagged model_only, and the shopper still gets an answer', async () => {
    useModel([handOff('discount', 'Wants special treatment'), { text: 'Meanwhile, our jackets are listed in the catalog.' }]);
    const r = await chat(shop.shopId, { text: 'My situation is complicated, I would like to sort something out.' });
    const [ticket, ...rest] = await ticketsOf(r.conversationId);
    expect(rest).toEqual([]);
    expect(ticket.category).toBe('other');
    expect(ticket.riskFlags).toContain('model_only');
    expect(dataOf(r.parts, 'handoff')).toHaveLength(1);
    expect(r.text).toContain('our jackets are listed');
  });

  it("reuses the conversation's open ticket, and shows one card per turn however often the model hands off", async () => {
    useModel([
      { toolCalls: [{ toolName: 'handOff', input: { category: 'other', reason: 'a' } }, { toolName: 'handOff', input: { category: 'refund', reason: 'b' } }] },
      { text: 'I have refunded your order.' },
    ]);
    const first = await chat(shop.shopId, { text: 'There is something complicated I would like to sort out.' });
    expect(dataOf(first.parts, 'handoff')).toHaveLength(1);
    // The guard's block of "I have refunded your order" joins the model's ticket: still one.
    expect(first.text).not.toMatch(/refunded your order/);
    // Told once, and the sentences do not run together.
    expect(first.text).not.toMatch(/already with our/);
    expect(first.text).not.toMatch(/[.!?][A-Z]/);
    const opened = await ticketsOf(first.conversationId);
    expect(opened).toHaveLength(1);

    useModel([handOff('exchange', 'c'), { text: 'It is with our team.' }]);
    const second = await chat(shop.shopId, { text: 'Following up on this, thanks.', conversationId: first.conversationId });
    const cards = dataOf<{ ticketId: string }>(second.parts, 'handoff');
    expect(cards).toHaveLength(1);
    expect(cards[0].ticketId).toBe(opened[0].id);
    expect((await ticketsOf(first.conversationId)).map((t) => t.id)).toEqual(opened.map((t) => t.id));
  });
});
