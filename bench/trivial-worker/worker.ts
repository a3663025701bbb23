/**
 * bench:load's control Worker: POST { headersMs, streamMs } waits headersMs before answering,
 * then streams a few SSE parts over streamMs and a finish part, like a chat turn of that latency.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok');
    const { headersMs = 0, streamMs = 0 } = (await request.json()) as { headersMs?: number; streamMs?: number };
    await sleep(headersMs);
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      async start(controller) {
        const parts = 5;
        for (let i = 0; i < parts; i++) {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({ type: 'text-delta', delta: `part ${i} ` })}\n\n`));
          await sleep(streamMs / parts);
        }
        controller.enqueue(encoder.encode('data: {"type":"finish"}\n\ndata: [DONE]\n\n'));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
  },
};
