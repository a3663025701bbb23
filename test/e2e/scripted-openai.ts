import { createServer, type Server } from 'node:http';

/**
 * A scripted OpenAI-compatible Chat Completions server on 127.0.0.1 (streaming, tool calls).
 * `script(request)` decides each reply from the request the real @ai-sdk/openai provider sent.
 */
/** `chunk`: characters per streamed delta (default 5), so a phrase is split across chunks. */
export type ScriptedReply = { text: string; chunk?: number } | { toolCalls: { name: string; args: Record<string, unknown> }[] } | { status: number };

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: unknown; tool_calls?: unknown[] }[];
  tools?: { function: { name: string } }[];
  stream?: boolean;
}

export async function startScriptedOpenAI(script: (req: ChatRequestBody) => ScriptedReply) {
  const requests: ChatRequestBody[] = [];
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(raw) as ChatRequestBody;
    requests.push(body);
    const reply = script(body);
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: object, finish: string | null = null, extra: object = {}) =>
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`);
    send({ role: 'assistant', content: '' });
    if ('text' in reply) {
      // Small chunks split mid-word, like a real model.
      const size = reply.chunk ?? 5;
      for (let i = 0; i < reply.text.length; i += size) {
        send({ content: reply.text.slice(i, i + size) });
        await new Promise((r) => setTimeout(r, 2));
      }
      send({}, 'stop', { usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } });
    } else {
      reply.toolCalls.forEach((tc, i) =>
        send({ tool_calls: [{ index: i, id: `call_${requests.length}_${i}`, type: 'function', function: { name: tc.name, arguments: JSON.stringify(tc.args) } }] }),
      );
      send({}, 'tool_calls', { usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } });
    }
    res.write('data: [DONE]\n\n');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const lastUserText = (req: ChatRequestBody) => {
  const users = req.messages.filter((m) => m.role === 'user');
  const c = users.at(-1)?.content;
  return typeof c === 'string' ? c : JSON.stringify(c);
};
export const hasToolResult = (req: ChatRequestBody) => req.messages.some((m) => m.role === 'tool');
