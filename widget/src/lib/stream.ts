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
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value, { stream: !done });
      let cut: number;
      while ((cut = buffer.search(/\r?\n\r?\n/)) !== -1) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
        const chunk = parseEvent(event);
        if (chunk === 'done') return;
        if (chunk) yield chunk;
      }
      if (done) {
        const chunk = parseEvent(buffer);
        if (chunk && chunk !== 'done') yield chunk;
        return;
      }
    }
  } finally {
    reader.releaseLock();
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
