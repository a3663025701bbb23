/**
 * Reads the AI SDK UI message stream (SSE: `data: {json}\n\n`, ending with
 * `data: [DONE]`) and yields each chunk object. Lines that are not `data:`
 * (comments, keep-alives) and chunks that are not JSON are skipped, so a proxy
 * adding heartbeats cannot break the reader.
 */
export interface UiChunk {
  type: string;
  id?: string;
  delta?: string;
  data?: unknown;
  errorText?: string;
  messageId?: string;
}

export async function* readUiMessageStream(body: ReadableStream<Uint8Array>): AsyncGenerator<UiChunk> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let finished = false;
  let ended = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      ended = done;
      buffer += decoder.decode(value, { stream: !done });
      let cut: number;
      while ((cut = buffer.search(/\r?\n\r?\n/)) !== -1) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
        const chunk = parseEvent(event);
        // [DONE] is the last event, but the response is only complete when the body ends:
        // stopping here leaves the request unfinished, and Chrome reports it as
        // net::ERR_ABORTED in DevTools and in the merchant's error monitoring. Keep reading.
        if (chunk === 'done') finished = true;
        else if (chunk && !finished) yield chunk;
      }
      if (done) {
        const chunk = parseEvent(buffer);
        if (chunk && chunk !== 'done' && !finished) yield chunk;
        return;
      }
    }
  } finally {
    // The consumer stopped early (a new conversation): cancel instead of leaving the body hanging.
    if (!ended) {
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  }
}

function parseEvent(event: string): UiChunk | 'done' | null {
  const data = event
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data) return null;
  if (data === '[DONE]') return 'done';
  try {
    const value = JSON.parse(data) as UiChunk;
    return value && typeof value.type === 'string' ? value : null;
  } catch {
    return null;
  }
}
