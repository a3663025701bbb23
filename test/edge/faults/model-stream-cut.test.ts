import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, expect, it } from 'vitest';
import { createModelEngine } from '../../../edge/src/engines/model';
import { api, chat, dataOf, seedDemoShop, useEngine } from '../helpers';

afterEach(() => useEngine(null));

/** A model whose stream breaks off after `text`, in the middle of a sentence (a dropped connection). */
function cutModel(text: string) {
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: new ReadableStream({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'text-start', id: 't' });
          for (let i = 0; i < text.length; i += 6) controller.enqueue({ type: 'text-delta', id: 't', delta: text.slice(i, i + 6) });
          await new Promise((r) => setTimeout(r, 20));
          controller.error(Object.assign(new Error('socket hang up'), { name: 'TypeError' }));
        },
      }),
    }),
  });
}

it("a model stream cut mid-sentence: the half sentence is not sent, the shopper gets the honest fallback, one turn is stored as sent, and the next turn works", async () => {
  const shop = await seedDemoShop();
  useEngine(() => ({ primary: createModelEngine(() => cutModel('Thanks for asking about our returns. You can send items back and we wi')), name: 'model' }));
  const r = await chat(shop.shopId, { text: 'What is your return policy?' });
  expect(r.res.status).toBe(200);
  expect(r.parts.at(-1)?.type).toBe('finish');
  expect(r.text).not.toMatch(/we wi\b/);
  expect(dataOf<{ code: string }>(r.parts, 'notice').map((n) => n.code)).toContain('degraded');
  // The offline engine answers from the shop's own returns policy instead.
  expect(dataOf<{ citations: { title: string }[] }>(r.parts, 'citations').flatMap((c) => c.citations.map((x) => x.title))).toContain('Returns and refunds');

  const history = (await (await api(`/v1/shops/${shop.shopId}/conversations/${r.conversationId}`)).json()) as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
  expect(history.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(history.messages[1].parts.filter((p) => p.type === 'text').map((p) => p.text).join('')).toBe(r.text);
  const audit = (await (await api(`/v1/shops/${shop.shopId}/conversations/${r.conversationId}/audit`, { headers: { authorization: `Bearer ${shop.agentKey}` } })).json()) as { audit: { kind: string; fallbackReason?: string; sent?: string }[] };
  const turn = audit.audit.find((a) => a.kind === 'turn')!;
  expect(turn.fallbackReason).toBe('model_failure');
  expect(turn.sent).toBe(r.text);

  useEngine(null);
  const next = await chat(shop.shopId, { text: 'How long does shipping take?', conversationId: r.conversationId });
  expect(dataOf(next.parts, 'notice')).toEqual([]);
  expect(next.text).toMatch(/ship/i);
});
