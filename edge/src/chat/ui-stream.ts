import { UI_MESSAGE_STREAM_HEADERS, type UIMessageStreamWriter } from 'ai';

const encoder = new TextEncoder();
const DONE = encoder.encode('data: [DONE]\n\n');

export interface UiMessageStreamOptions {
  /** Writes the turn's parts; a rejection becomes one `error` part with `onError`'s text. */
  execute: (options: { writer: UIMessageStreamWriter }) => Promise<void> | void;
  onError: (error: unknown) => string;
  /** The client cancelled the body (disconnect, Stop); later writes are dropped. */
  onCancel?: (reason: unknown) => void;
  headers?: Record<string, string>;
}

/**
 * The AI SDK's UI message stream response (`createUIMessageStream` piped into
 * `createUIMessageStreamResponse`) as one byte stream: each part is encoded as its SSE line
 * when it is written, and `data: [DONE]` follows once `execute` and every merged stream are
 * done. The SDK's version passes every part through four streams (its part stream, the message
 * id step, JSON to SSE, the text encoder): about half a millisecond of a short offline turn in
 * workerd. Same bytes and headers (test/edge/chat/ui-stream.test.ts compares them with the SDK's);
 * without `onFinish` the SDK does nothing else with the parts.
 */
export function uiMessageStreamResponse(options: UiMessageStreamOptions): Response {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel(reason) {
      open = false;
      options.onCancel?.(reason);
    },
  });
  const enqueue = (bytes: Uint8Array) => {
    if (!open) return;
    try {
      controller.enqueue(bytes);
    } catch {
      // Closed or errored: the SDK drops such writes too.
    }
  };
  const send = (part: unknown) => enqueue(encoder.encode(`data: ${JSON.stringify(part)}\n\n`));
  const handleError = (error: unknown) => {
    let errorText: string;
    try {
      errorText = options.onError(error);
    } catch (onErrorError) {
      open = false;
      try {
        controller.error(onErrorError);
      } catch {
        // already closed
      }
      return;
    }
    send({ type: 'error', errorText });
  };
  const pending: Promise<unknown>[] = [];
  const writer: UIMessageStreamWriter = {
    write: send,
    merge(stream) {
      pending.push(
        (async () => {
          const reader = stream.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            send(value);
          }
        })().catch(handleError),
      );
    },
    onError: options.onError,
  };
  try {
    const result = options.execute({ writer });
    if (result) pending.push(result.catch(handleError));
  } catch (error) {
    handleError(error);
  }
  void (async () => {
    while (pending.length > 0) await pending.shift();
  })().finally(() => {
    enqueue(DONE);
    if (!open) return;
    open = false;
    try {
      controller.close();
    } catch {
      // errored by onError
    }
  });
  const headers = new Headers(options.headers);
  for (const [key, value] of Object.entries(UI_MESSAGE_STREAM_HEADERS)) if (!headers.has(key)) headers.set(key, value);
  return new Response(body, { headers });
}
