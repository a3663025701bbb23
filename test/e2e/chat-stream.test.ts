import { describe, expect, it } from 'vitest';
import { stack } from './harness';

/** The chat endpoint streams over real HTTP from `wrangler dev`, as `curl -N` would see it. */
describe('chat stream over HTTP', () => {
  it('streams UI message stream events, the first text-delta arriving before the reply ends', async () => {
    const { url } = stack();
    const res = await fetch(`${url}/v1/shops/demo/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: crypto.randomUUID(), message: { text: 'What is your return policy?' } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(res.headers.get('content-type')).toContain('text/event-stream');

    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const events: { type: string; at: number }[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block.replace(/^data: /, '');
        events.push({ type: data === '[DONE]' ? '[DONE]' : JSON.parse(data).type, at: performance.now() });
      }
    }
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('start');
    expect(types).toContain('text-delta');
    expect(types.at(-1)).toBe('[DONE]');
    // Streaming, not one buffered body: the first delta is not the last event.
    const firstDelta = types.indexOf('text-delta');
    expect(firstDelta).toBeLessThan(types.lastIndexOf('finish'));
    expect(types.filter((t) => t === 'text-delta').length).toBeGreaterThan(1);
  });
});
