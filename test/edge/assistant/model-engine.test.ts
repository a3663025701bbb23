import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModelEngine, MODEL_LIMITS } from '../../../edge/src/engines/model';
import { api, chat, dataOf, seedDemoShop, signCustomerToken, type ScriptStep, type TestShop, useEngine } from '../helpers';
import { scriptedModel } from './mock-model';

let shop: TestShop;
beforeAll(async () => {
  shop = await seedDemoShop();
});
afterEach(() => useEngine(null));

/** Plays `script` as the language model; everything else (gate, tools, D1, guard, stream) is real. */
function useModel(script: ScriptStep[]) {
  const scripted = scriptedModel(script);
  useEngine(() => ({ primary: createModelEngine(() => scripted.model), name: 'model' }));
  return scripted;
}

async function send(text: string, opts: { token?: string; conversationId?: string } = {}) {
  const r = await chat(shop.shopId, { text, conversationId: opts.conversationId }, { token: opts.token });
  expect(r.res.status).toBe(200);
  return r;
}

async function audit(conversationId: string) {
  const res = await api(`/v1/shops/${shop.shopId}/conversations/${conversationId}/audit`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { audit: Record<string, any>[] }).audit;
}

describe('model engine (MockLanguageModelV3; the rest of the pipeline is real)', () => {
  it('answers a product question with cards from the catalog tool', async () => {
    const m = useModel([{ toolCalls: [{ toolName: 'searchCatalog', input: { query: 'waterproof jacket' } }] }, { text: 'Here are our waterproof jackets.' }]);
    const r = await send('Do you have a waterproof jacket?');
    const cards = dataOf<{ products: { title: string }[] }>(r.parts, 'products');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0].products.length).toBeGreaterThan(0);
    expect(r.text).toContain('waterproof jackets');
    expect(m.calls()).toBe(2);
    const turn = (await audit(r.conversationId)).find((a) => a.kind === 'turn')!;
    expect(turn.engine).toBe('model');
    expect(turn.toolCalls.map((c: { name: string }) => c.name)).toEqual(['searchCatalog']);
    expect(turn.usage.totalTokens).toBeGreaterThan(0);
  });

  it('answers a policy question with a citation', async () => {
    useModel([{ toolCalls: [{ toolName: 'searchPolicies', input: { query: 'how long do I have to return an item' } }] }, { text: 'You can return items as our returns policy describes.' }]);
    const r = await send('How long do I have to return something?');
    const citations = dataOf<{ citations: { documentId: string; title: string }[] }>(r.parts, 'citations');
    expect(citations.flatMap((c) => c.citations).length).toBeGreaterThan(0);
    const turn = (await audit(r.conversationId)).find((a) => a.kind === 'turn')!;
    expect(turn.policyPassages.length).toBeGreaterThan(0);
  });

  it("answers an order question for the verified customer only, even when the model asks for someone else's order", async () => {
    const token = await signCustomerToken(shop, 'cus_1001');
    useModel([
      { toolCalls: [{ toolName: 'getMyOrders', input: {} }, { toolName: 'getMyOrder', input: { orderNumber: 'NW-10240' } }] },
      { text: 'Here is the status of your order.' },
    ]);
    const r = await send('Where is my order?', { token });
    const orders = dataOf<{ number: string }>(r.parts, 'order').map((o) => o.number);
    expect(orders.length).toBeGreaterThan(0);
    // NW-10240 belongs to cus_1002: for cus_1001 it looks like a missing order.
    expect(orders).not.toContain('NW-10240');
  });

  it('hands money requests to a person before the model is asked', async () => {
    const m = useModel([{ text: 'Sure, I refunded you.' }]);
    const r = await send('I want a refund for my last order');
    expect(m.calls()).toBe(0);
    expect(dataOf<{ ticketId: string }>(r.parts, 'handoff')[0].ticketId).toMatch(/^tkt_/);
  });

  it('stops a tool loop at the step cap and still ends the reply', async () => {
    const m = useModel([{ toolCalls: [{ toolName: 'searchCatalog', input: { query: 'tent' } }] }]);
    const r = await send('Show me tents');
    expect(m.calls()).toBe(MODEL_LIMITS.maxSteps);
    expect(r.parts.at(-1)?.type).toBe('finish');
  });

  it('replaces a promise from the model with the handoff wording and opens a ticket', async () => {
    useModel([{ text: 'Good news! I have refunded your order in full. Anything else?' }]);
    const r = await send('My jacket arrived, it is nice but I am not sure about it');
    expect(r.text).not.toMatch(/refunded your order/i);
    // Said once, in place of the promise; a new ticket is not "already" with the team.
    expect(r.text.match(/specialist will confirm/g)?.length).toBe(1);
    expect(r.text).not.toMatch(/already with our support team/i);
    expect(dataOf(r.parts, 'handoff').length).toBe(1);
    const records = await audit(r.conversationId);
    expect(records.filter((a) => a.kind === 'guard').length).toBe(1);
  });

  it('falls back to the offline engine with an honest note when the model fails', async () => {
    useModel([{ error: Object.assign(new Error('upstream 500'), { statusCode: 500 }) }]);
    const r = await send('What is your return policy?');
    expect(dataOf<{ code: string }>(r.parts, 'notice').map((n) => n.code)).toContain('degraded');
    expect(r.text).toMatch(/specialist will confirm/i);
    const turn = (await audit(r.conversationId)).find((a) => a.kind === 'turn')!;
    expect(turn.fallbackReason).toBe('model_failure');
    expect(turn.failures.length).toBeGreaterThan(0);
  });

  it('times out a model that never answers, and a later turn works again', async () => {
    const saved = MODEL_LIMITS.firstTokenMs;
    MODEL_LIMITS.firstTokenMs = 300;
    try {
      useModel([{ hang: true }]);
      const r = await send('Do you sell tents?');
      expect(r.text).toMatch(/specialist will confirm/i);
      const turn = (await audit(r.conversationId)).find((a) => a.kind === 'turn')!;
      expect(turn.failures[0].error).toMatch(/ModelTimeoutError/);
      useModel([{ text: 'We sell several tents.' }]);
      const again = await send('Do you sell tents?', { conversationId: r.conversationId });
      expect(again.text).toContain('We sell several tents.');
    } finally {
      MODEL_LIMITS.firstTokenMs = saved;
    }
  });
});
