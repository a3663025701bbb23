import { expect } from 'vitest';

export interface ChatTurn {
  /** The text the stream carried. */
  text: string;
  parts: any[];
  /** The assistant text stored for the conversation (GET conversation), as a headless client restores it. */
  stored: string;
  storedParts: any[];
}

/**
 * One turn in a new conversation through the real Worker (v1.1: asks for a conversation secret),
 * then the stored history read back with that secret.
 */
export async function chatTurn(url: string, shop: string, text: string, opts: { bearer?: string; locale?: string } = {}): Promise<ChatTurn> {
  const conversationId = crypto.randomUUID();
  const auth: Record<string, string> = opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {};
  const post = () =>
    fetch(`${url}/v1/shops/${shop}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-aisle-conversation-secret': 'new', ...auth },
      body: JSON.stringify({ conversationId, message: { text }, locale: opts.locale ?? 'en' }),
    });
  let res = await post();
  // The per-client flood limit (60 a minute) applies to a suite too: wait as told, then send again.
  for (let i = 0; res.status === 429 && i < 3; i++) {
    const body = await res.text();
    if (!/wait a moment/.test(body)) break;
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 10)));
    res = await post();
  }
  expect(res.status, text).toBe(200);
  const secret = res.headers.get('x-aisle-conversation-secret')!;
  const parts = (await res.text())
    .split('\n\n')
    .map((b) => b.replace(/^data: /, ''))
    .filter((d) => d && d !== '[DONE]')
    .map((d) => JSON.parse(d));
  const got = await fetch(`${url}/v1/shops/${shop}/conversations/${conversationId}`, { headers: { 'x-aisle-conversation-secret': secret, ...auth } });
  expect(got.status, text).toBe(200);
  const { messages } = (await got.json()) as { messages: { role: string; parts: any[] }[] };
  const storedParts = messages.filter((m) => m.role === 'assistant').flatMap((m) => m.parts);
  const stored = storedParts.filter((p) => p.type === 'text').map((p) => p.text).join('');
  return { text: parts.filter((p) => p.type === 'text-delta').map((p) => p.delta).join(''), parts, stored, storedParts };
}
