/**
 * The workerd half of `npm run bench:load`: the same conversations as the `wrangler dev` half,
 * sent to the real Hono app called in this isolate (no dev proxy in front), all at once. Each
 * request gets an env whose DB counts its statements, for D1 statements per turn by answer class;
 * the workerd process's memory comes from /proc through proc.global-setup.ts. Prints figures;
 * fails only when the Worker itself lost a turn or a ticket.
 */
import { createExecutionContext, env } from 'cloudflare:test';
import { expect, inject, it } from 'vitest';
import { app } from '../../edge/src/index';
import { describeLoad, pct, runLoad, seedLoadShop, type Send } from '../load-plan';
import { countingD1, type D1Count } from './counting-d1';

const benchEnv = env as unknown as { BENCH_CONVERSATIONS?: string; BENCH_TURNS?: string };
const CONVERSATIONS = Number(benchEnv.BENCH_CONVERSATIONS ?? 200);
const TURNS = Number(benchEnv.BENCH_TURNS ?? 3);

// Once more on a dropped connection: after minutes of load the kept-alive socket to the sampler may be gone.
const proc = async (method: string, path: string): Promise<Record<string, number>> => {
  const once = async () => (await fetch(inject('procUrl') + path, { method })).json() as Promise<Record<string, number>>;
  return once().catch(once);
};

it(`holds ${CONVERSATIONS} concurrent conversations inside workerd`, async () => {
  const counts = new Map<string, D1Count>();
  const send: Send = async (req) => {
    const count: D1Count = { statements: 0 };
    const res = await app.fetch(req, { ...env, DB: countingD1(env.DB, count) }, createExecutionContext());
    const turnId = res.headers.get('x-aisle-turn');
    if (turnId) counts.set(turnId, count);
    return res;
  };
  const shop = await seedLoadShop(send, env.AISLE_OPERATOR_KEY, 'load-shop');
  await proc('POST', '/watch');
  const result = await runLoad(send, shop, { conversations: CONVERSATIONS, turns: TURNS });
  const rss = await proc('DELETE', '/watch');

  const byClass = new Map<string, number[]>();
  for (const [turnId, count] of counts) {
    const cls = result.answerClass.get(turnId) ?? 'unrecorded';
    byClass.set(cls, [...(byClass.get(cls) ?? []), count.statements]);
  }
  const mb = (kb: number) => (kb / 1024).toFixed(0);
  // What a turn leaves in D1 (stored JSON only; indexes and pages add to it), for the README's scaling figures.
  const bytes = async (sql: string) => (await env.DB.prepare(sql).bind(shop.shopId).first<{ n: number }>())?.n ?? 0;
  const stored = {
    messages: await bytes('SELECT sum(length(parts)) AS n FROM messages WHERE shop_id = ?'),
    audit: await bytes('SELECT sum(length(data)) AS n FROM audit_events WHERE shop_id = ?'),
    tickets: await bytes('SELECT sum(length(data)) AS n FROM tickets WHERE shop_id = ?'),
    outbox: await bytes('SELECT sum(length(payload)) AS n FROM outbox_events WHERE shop_id = ?'),
  };
  const perTurn = (n: number) => (n / result.turns.length / 1024).toFixed(1);
  console.log(
    '\n' +
      describeLoad('(w) Inside workerd (the Hono app called in the test isolate, no wrangler dev)', result, [
        `    workerd process RSS MB: before ${mb(rss.firstKb)}, peak ${mb(rss.peakKb)}, after ${mb(rss.lastKb)}`,
        `    stored per turn, KB of JSON: messages ${perTurn(stored.messages)}, audit ${perTurn(stored.audit)}, tickets ${perTurn(stored.tickets)}, outbox ${perTurn(stored.outbox)}`,
        '    D1 statements per turn by answer class (whole request: shop, limits, conversation, turn, audit):',
        ...[...byClass].sort().map(([cls, xs]) => `      ${cls.padEnd(10)} n ${String(xs.length).padStart(4)}  mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1).padStart(5)}  p50 ${pct(xs, 50)}  max ${Math.max(...xs)}`),
      ]),
  );
  expect(result.lostTickets + result.duplicateTickets).toBe(0);
});
