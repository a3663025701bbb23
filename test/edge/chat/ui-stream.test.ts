import { createUIMessageStream, createUIMessageStreamResponse, type UIMessageStreamWriter } from 'ai';
import { describe, expect, it } from 'vitest';
import { uiMessageStreamResponse } from '../../../edge/src/chat/ui-stream';

/** The chat stream's public contract: our encoder gives the AI SDK's bytes and headers. */
type Execute = (o: { writer: UIMessageStreamWriter }) => Promise<void>;
const HEADERS = { 'cache-control': 'no-store', 'x-aisle-turn': 'turn_1' };

const sdk = (execute: Execute) => createUIMessageStreamResponse({ stream: createUIMessageStream({ onError: () => 'internal', execute }), headers: HEADERS });
const ours = (execute: Execute) => uiMessageStreamResponse({ onError: () => 'internal', execute, headers: HEADERS });

async function same(execute: Execute) {
  const [a, b] = [sdk(execute), ours(execute)];
  expect([...b.headers]).toEqual([...a.headers]);
  expect(b.status).toBe(a.status);
  const [bytesA, bytesB] = [new Uint8Array(await a.arrayBuffer()), new Uint8Array(await b.arrayBuffer())];
  expect(bytesB).toEqual(bytesA);
  return new TextDecoder().decode(bytesB);
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const part = (p: object) => p as never;

describe('uiMessageStreamResponse', () => {
  it('writes the same bytes as the AI SDK for a whole turn, text in six languages, emoji and odd strings included', async () => {
    const text = await same(async ({ writer }) => {
      writer.write(part({ type: 'start', messageId: 'msg_1' }));
      writer.write(part({ type: 'text-start', id: 't1' }));
      for (const delta of ['Hello, ', 'Grüße – ¿qué tal? «ça va» ', 'ação, però 😀 ', 'lone \ud800 surrogate ', 'quote " and \\ and \n line\u2028'])
        writer.write(part({ type: 'text-delta', id: 't1', delta })), await tick();
      writer.write(part({ type: 'text-end', id: 't1' }));
      writer.write(part({ type: 'data-products', data: { products: [{ id: 'p1', price: 12.5, title: 'Jacket <b>', tags: [] }] } }));
      await tick();
      writer.write(part({ type: 'data-notice', data: { code: 'degraded', text: 'x' } }));
      writer.write(part({ type: 'finish' }));
    });
    expect(text.startsWith('data: {"type":"start","messageId":"msg_1"}\n\n')).toBe(true);
    expect(text.endsWith('data: {"type":"finish"}\n\ndata: [DONE]\n\n')).toBe(true);
  });

  it('ends with the same error part when execute throws, and drops writes after the end', async () => {
    let late: UIMessageStreamWriter | null = null;
    const text = await same(async ({ writer }) => {
      late = writer;
      writer.write(part({ type: 'start', messageId: 'msg_2' }));
      await tick();
      throw new Error('boom');
    });
    expect(text).toContain('data: {"type":"error","errorText":"internal"}\n\n');
    (late as UIMessageStreamWriter | null)?.write(part({ type: 'finish' }));
  });

  it('merges a stream of parts as the SDK does', async () => {
    await same(async ({ writer }) => {
      writer.write(part({ type: 'start', messageId: 'msg_3' }));
      writer.merge(new ReadableStream({ start: (c) => (c.enqueue(part({ type: 'data-notice', data: { code: 'a', text: 'b' } })), c.close()) }));
      await tick();
      writer.write(part({ type: 'finish' }));
    });
  });

  it('tells the turn when the client cancels, and takes no writes after it', async () => {
    let cancelled: unknown = null;
    let finish: () => void = () => {};
    const res = uiMessageStreamResponse({
      onError: () => 'internal',
      onCancel: (reason) => (cancelled = reason),
      execute: async ({ writer }) => {
        writer.write(part({ type: 'start', messageId: 'msg_4' }));
        await new Promise<void>((r) => (finish = r));
        writer.write(part({ type: 'finish' }));
      },
    });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {"type":"start","messageId":"msg_4"}\n\n');
    await reader.cancel('stop');
    expect(cancelled).toBe('stop');
    finish();
    await tick();
  });
});
