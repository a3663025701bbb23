/**
 * `npm run bench:guest`: does a guest order check take the same time whether the order exists
 * and the email matches, the email is wrong, or the order does not exist? Inside workerd, through
 * the real Worker and local D1, 2,000 of each (BENCH_GUEST_EACH) are sent interleaved
 * (match, wrong email, unknown order, then the next three), so drift in the machine's load hits
 * all three alike. Prints p50 and p95 per outcome, the spread between the outcomes, and how much
 * each outcome's p50 moves between the four quarters of the run (the noise the spread is read
 * against). Also counts D1 statements per request per outcome.
 *
 * Each check gets its own client address, each conversation at most one miss of each kind and
 * each order number at most one miss, so no lockout or per-order slowdown (a deliberate, visible
 * delay) is measured: only the check itself.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { app } from '../../edge/src/index';
import { sha256Hex } from '../../edge/src/lib/crypto';
import { pct } from '../load-plan';
import { countingD1, type D1Count } from './counting-d1';

const BASE = 'http://aisle.bench';
const EACH = Math.max(10, Number((env as unknown as { BENCH_GUEST_EACH?: string }).BENCH_GUEST_EACH) || 2000);
const OUTCOMES = ['match', 'wrong email', 'unknown order'] as const;
type Outcome = (typeof OUTCOMES)[number];

async function call(path: string, init: { key?: string; body: unknown; headers?: Record<string, string>; method?: string }, db?: D1Database) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(BASE + path, { method: init.method ?? 'POST', headers, body: JSON.stringify(init.body) }), db ? { ...env, DB: db } : env, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return { status: res.status, text };
}

it(`guest order checks: ${EACH} each of match, wrong email and unknown order, interleaved`, async () => {
  const shopId = 'bench-guest';
  const created = await call('/v1/shops', { key: 'bench-operator-key', body: { id: shopId, name: 'Bench guest shop' } });
  expect(created.status, created.text).toBe(201);
  const { adminKey } = JSON.parse(created.text) as { adminKey: string };

  // One guest order per round (its email is hashed at import, as for every import).
  const orders = Array.from({ length: EACH }, (_, i) => ({
    number: `BG-${100000 + i}`,
    email: `guest.${i}@bench.example`,
    stage: 'shipped',
    placedAt: '2026-11-20T10:00:00Z',
    items: [{ name: 'Bench Sock', quantity: 1 }],
  }));
  for (let i = 0; i < orders.length; i += 500) {
    const r = await call(`/v1/shops/${shopId}/orders`, { key: adminKey, body: { orders: orders.slice(i, i + 500) }, method: i === 0 ? 'PUT' : 'POST' });
    expect(r.status, r.text).toBeLessThan(300);
  }

  // One secret conversation per round, stored directly (a chat turn each would only slow the setup).
  const secrets: string[] = [];
  const ids: string[] = [];
  const now = new Date().toISOString();
  const rows = [];
  for (let i = 0; i < EACH; i++) {
    const secret = `bench-secret-${i}-${crypto.randomUUID()}`;
    secrets.push(secret);
    ids.push(crypto.randomUUID());
    rows.push(
      env.DB.prepare("INSERT INTO conversations (id, shop_id, customer_id, locale, created_at, updated_at, access, secret_hash) VALUES (?, ?, NULL, 'en', ?, ?, 'secret', ?)").bind(
        ids[i],
        shopId,
        now,
        now,
        await sha256Hex(secret),
      ),
    );
  }
  for (let i = 0; i < rows.length; i += 100) await env.DB.batch(rows.slice(i, i + 100));

  const ms: Record<Outcome, number[]> = { match: [], 'wrong email': [], 'unknown order': [] };
  const statements: Record<Outcome, number[]> = { match: [], 'wrong email': [], 'unknown order': [] };
  const states: Record<Outcome, Set<string>> = { match: new Set(), 'wrong email': new Set(), 'unknown order': new Set() };
  let ip = 0;
  const check = async (outcome: Outcome, i: number) => {
    const body =
      outcome === 'match'
        ? { requestId: `m${i}`, orderNumber: orders[i].number, email: orders[i].email }
        : outcome === 'wrong email'
          ? { requestId: `w${i}`, orderNumber: orders[i].number, email: `someone.${i}@bench.example` }
          : { requestId: `u${i}`, orderNumber: `BU-${900000 + i}`, email: orders[i].email };
    ip++;
    const count: D1Count = { statements: 0 };
    const headers = { 'x-aisle-conversation-secret': secrets[i], 'cf-connecting-ip': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}` };
    const started = performance.now();
    const r = await call(`/v1/shops/${shopId}/conversations/${ids[i]}/verify-order`, { body, headers }, countingD1(env.DB, count));
    const took = performance.now() - started;
    expect(r.status, r.text).toBe(200);
    states[outcome].add((JSON.parse(r.text) as { state: string }).state);
    ms[outcome].push(took);
    statements[outcome].push(count.statements);
  };

  const started = performance.now();
  for (let i = 0; i < EACH; i++) {
    // The same order each round: a miss never follows a miss on one order number or conversation.
    // Rotating who goes first keeps any "first request of the three" effect off one outcome.
    const order = [OUTCOMES[i % 3], OUTCOMES[(i + 1) % 3], OUTCOMES[(i + 2) % 3]];
    for (const o of order) await check(o, i);
  }
  const wallS = (performance.now() - started) / 1000;

  expect([...states.match]).toEqual(['verified']);
  expect([...states['wrong email']]).toEqual(['failed']);
  expect([...states['unknown order']]).toEqual(['failed']);

  const f = (x: number) => x.toFixed(2);
  const lines = [`bench:guest inside workerd (Miniflare, local D1), ${EACH} of each outcome interleaved, ${(3 * EACH / wallS).toFixed(0)} checks/s, ${wallS.toFixed(1)} s`];
  lines.push('outcome          p50 ms   p95 ms   p50 by quarter of the run (ms)   D1 statements per check');
  const p50s: number[] = [];
  const p95s: number[] = [];
  let noise = 0;
  for (const o of OUTCOMES) {
    const xs = ms[o];
    const q = xs.length / 4;
    const quarters = [0, 1, 2, 3].map((k) => pct(xs.slice(Math.floor(k * q), Math.floor((k + 1) * q)), 50));
    noise = Math.max(noise, Math.max(...quarters) - Math.min(...quarters));
    p50s.push(pct(xs, 50));
    p95s.push(pct(xs, 95));
    const st = [...new Set(statements[o])].join('/');
    lines.push(`${o.padEnd(16)} ${f(pct(xs, 50)).padStart(6)}   ${f(pct(xs, 95)).padStart(6)}   ${quarters.map(f).join(' ').padEnd(32)} ${st}`);
  }
  lines.push(`spread between outcomes: p50 ${f(Math.max(...p50s) - Math.min(...p50s))} ms, p95 ${f(Math.max(...p95s) - Math.min(...p95s))} ms; largest p50 drift of one outcome across quarters: ${f(noise)} ms`);
  console.log(lines.join('\n'));
  // The database work is the same by construction (test/edge/guest/verify.test.ts asserts it too).
  expect(new Set([...statements.match, ...statements['wrong email'], ...statements['unknown order']]).size).toBe(1);
});
