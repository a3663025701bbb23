import { env } from 'cloudflare:test';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { setConversationState } from '../../../edge/src/conversations/store';
import { createModelEngine } from '../../../edge/src/engines/model';
import { api, chat, createShop, json, useEngine } from '../helpers';

afterEach(() => useEngine(null));

/**
 * A model that streams two sentences and then hangs until its abort signal fires, as a slow
 * model does; it records whether the server aborted it.
 */
function slowModel() {
  const seen = { aborted: false, calls: 0 };
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      seen.calls++;
      const signal = options.abortSignal!;
      const chunks = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'We have three rain jackets. ' },
        { type: 'text-delta', id: 't', delta: 'The lightest one weighs 300 g. ' },
        { type: 'text-delta', id: 't', delta: 'And the warmest' },
      ];
      return {
        stream: new ReadableStream({
          async start(controller) {
            for (const c of chunks) controller.enqueue(c as never);
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
            seen.aborted = true;
            controller.error(signal.reason);
          },
        }),
      };
    },
  });
  useEngine(() => ({ primary: createModelEngine(() => model), name: 'model' }));
  return seen;
}

async function readUntilText(res: Response) {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let raw = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    raw += dec.decode(value, { stream: true });
    // Both released sentences have arrived: the model now hangs.
    if ((raw.match(/"text-delta"/g) ?? []).length >= 2) break;
  }
  return { reader, raw };
}

const streamedText = (raw: string) =>
  raw
    .split('\n\n')
    .map((b) => b.replace(/^data: /, ''))
    .filter((d) => d.startsWith('{'))
    .map((d) => JSON.parse(d) as { type: string; delta?: string })
    .filter((p) => p.type === 'text-delta')
    .map((p) => p.delta)
    .join('');

async function storedTurns(conversationId: string, want: number) {
  for (let i = 0; i < 100; i++) {
    const { results } = await env.DB.prepare('SELECT role, parts FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid').bind(conversationId).all<{ role: string; parts: string }>();
    if (results.length >= want) return results;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('turn never stored');
}

describe('Stop and disconnect mid-stream', () => {
  it('aborts the model call on the server and stores exactly one turn with what was streamed', async () => {
    const shop = await createShop();
    const seen = slowModel();
    const conversationId = crypto.randomUUID();
    const res = await api(`/v1/shops/${shop.shopId}/chat`, json({ conversationId, message: { text: 'which rain jackets do you have?' } }));
    expect(res.status).toBe(200);
    const { reader, raw } = await readUntilText(res);
    const shown = streamedText(raw);
    expect(shown).toContain('three rain jackets');
    // The shopper presses Stop (or closes the tab): the client cancels the response.
    await reader.cancel();

    const rows = await storedTurns(conversationId, 2);
    for (let i = 0; i < 40 && !seen.aborted; i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen.aborted).toBe(true);
    expect(seen.calls).toBe(1);
    // Wait a little more: nothing else may be stored later (no second assistant message, no failure text).
    await new Promise((r) => setTimeout(r, 300));
    const again = await storedTurns(conversationId, 2);
    expect(again.map((r) => r.role)).toEqual(['user', 'assistant']);
    const parts = JSON.parse(rows[1].parts) as { type: string; text?: string }[];
    const storedText = parts.filter((p) => p.type === 'text').map((p) => p.text).join('');
    expect(storedText).toBe(shown);
    expect(storedText).not.toMatch(/warmest|specialist|went wrong/i);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'turn'").bind(conversationId).all<{ data: string }>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0].data)).toMatchObject({ stopped: true, delivery: 'stream', sent: shown });
  });
});

describe('delivery modes', () => {
  it('keeps quiet when a person owns the conversation: the message is stored, the assistant says nothing', async () => {
    const shop = await createShop();
    const first = await chat(shop.shopId, { text: 'hello' });
    await setConversationState(env.DB, shop.shopId, first.conversationId, 'agent');
    const r = await chat(shop.shopId, { conversationId: first.conversationId, text: 'are you still there?' });
    expect(r.res.status).toBe(200);
    expect(r.text).toBe('');
    const { results } = await env.DB.prepare('SELECT role FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid').bind(first.conversationId).all<{ role: string }>();
    expect(results.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const audit = await env.DB.prepare("SELECT data FROM audit_events WHERE conversation_id = ? AND kind = 'turn' ORDER BY created_at, rowid").bind(first.conversationId).all<{ data: string }>();
    expect(JSON.parse(audit.results[1].data)).toMatchObject({ delivery: 'quiet', message: 'are you still there?' });
  });
});
