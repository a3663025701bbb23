/**
 * Live delivery latency: an agent's reply (POST /tickets/:id/messages with the agent key) until
 * the shopper's open WebSocket receives it, through `wrangler dev` (local D1, the LiveHub Durable
 * Object), N times. Prints p50 / p95 / max (target: p95 at most 1 s). Never part of npm test.
 *
 *   npm run bench:live
 *   npm run bench:live -- --messages 200 --port 8811
 *
 * The WebSocket client is `ws` (already installed with wrangler's Miniflare): Node 20 has no
 * WebSocket client that can send the Origin header the upgrade checks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { pct } from './load-plan';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../scripts/stack.mjs';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const MESSAGES = Number(arg('messages', '100'));
const PORT = Number(arg('port', '8810'));

const dir = mkdtempSync(path.join(tmpdir(), 'aisle-bench-live-'));
const devVarsFile = path.join(dir, '.dev.vars');
writeFileSync(devVarsFile, '');
const stack = await startStack({ port: PORT, persistTo: path.join(dir, 'state'), devVarsFile, quiet: true });
try {
  const base: string = stack.url;
  const shop = stack.demo.shopId as string;
  const origin = base;
  const conversationId = crypto.randomUUID();
  const res = await fetch(`${base}/v1/shops/${shop}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-aisle-conversation-secret': 'new' },
    body: JSON.stringify({ conversationId, message: { text: 'My jacket arrived torn. I want a refund.' } }),
  });
  const secret = res.headers.get('x-aisle-conversation-secret')!;
  const body = await res.text();
  const ticketId = /"ticketId":"(tkt_[A-Za-z0-9]+)"/.exec(body)?.[1];
  if (!ticketId || !secret) throw new Error(`no handoff ticket: ${res.status} ${body.slice(0, 200)}`);

  const live = (await (
    await fetch(`${base}/v1/shops/${shop}/conversations/${conversationId}/live`, { method: 'POST', headers: { origin, 'x-aisle-conversation-secret': secret } })
  ).json()) as { url: string };
  const ws = new WebSocket(new URL(live.url, base.replace('http', 'ws')).href, { headers: { origin } });
  const waiting = new Map<string, (at: number) => void>();
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const e = JSON.parse(String(data)) as { type: string; message?: { parts: { type: string; text?: string }[] } };
      if (e.type === 'ready') resolve();
      const text = e.message?.parts.find((p) => p.type === 'text')?.text ?? '';
      for (const [key, done] of waiting) if (text.includes(key)) done(performance.now());
    });
    ws.on('error', reject);
  });

  const latencies: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const key = `probe ${i} ${crypto.randomUUID().slice(0, 8)}`;
    const got = new Promise<number>((resolve) => waiting.set(key, resolve));
    const t0 = performance.now();
    const post = await fetch(`${base}/v1/shops/${shop}/tickets/${ticketId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.demo.agentKey}` },
      body: JSON.stringify({ text: `Agent reply ${key}` }),
    });
    if (post.status !== 201) throw new Error(`agent message ${post.status}: ${await post.text()}`);
    const at = await Promise.race([got, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`message ${i} not delivered in 10 s`)), 10_000))]);
    waiting.delete(key);
    latencies.push(at - t0);
  }
  ws.close();
  latencies.sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`live delivery, agent POST -> shopper WebSocket, ${MESSAGES} messages through wrangler dev:`);
  console.log(`  p50 ${ms(pct(latencies, 50))}  p95 ${ms(pct(latencies, 95))}  max ${ms(latencies.at(-1)!)}  (target p95 <= 1000 ms: ${pct(latencies, 95) <= 1000 ? 'met' : 'MISSED'})`);
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
