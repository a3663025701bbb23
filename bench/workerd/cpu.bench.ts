/**
 * CPU and memory per chat turn inside workerd, the third part of `npm run bench:load`: a
 * 10,000-product catalog, then BENCH_CPU_TURNS sequential offline turns per answer class
 * (product, policy, verified order, handoff) through the real app. In-Worker timers stop during
 * compute, so CPU is the workerd process's own (utime + stime over all its threads, read from
 * /proc through proc.global-setup.ts): schedstat's nanosecond figure around every single turn
 * gives the per-turn distribution, utime + stime around each class the cross-check. With
 * BENCH_D1=remote (bench:load's default) the database is held by a second workerd process and the
 * app's DB binding sends every statement there (remote-d1.ts), as D1 runs outside the Worker on
 * Cloudflare: the measured process then counts the Worker's own work plus talking to D1, and the
 * D1 process's CPU is shown beside it. With BENCH_D1=local the local D1 is SQLite inside the
 * measured process and the figures include the SQL. RSS is read every 100 turns after 100
 * warm-up turns.
 */
import { createExecutionContext, env } from 'cloudflare:test';
import { expect, inject, it } from 'vitest';
import demo from '../../edge/src/demo/data/catalog.json';
import orders from '../../edge/src/demo/data/orders.json';
import policies from '../../edge/src/demo/data/policies.json';
import { CONVERSATION_SECRET_HEADER, NEW_CONVERSATION_SECRET } from '../../shared/chat';
import { signCustomerToken } from '../../edge/src/identity/sign';
import { app } from '../../edge/src/index';
import { pct } from '../load-plan';
import { type Generated, generateCatalog } from '../search-data';
import { countingD1, type D1Count } from './counting-d1';
import { remoteD1 } from './remote-d1';

const SHOW_SQL = (env as unknown as { BENCH_SQL?: string }).BENCH_SQL === '1';
const TURNS = Number((env as unknown as { BENCH_CPU_TURNS?: string }).BENCH_CPU_TURNS ?? 500);
const BASE = 'http://aisle.cpu';
const CLOCK_TICKS = 100;

interface Sample {
  ticks: number;
  cpuNs: number;
  rssKb: number;
  /** The remote D1's process (BENCH_D1=remote). */
  d1?: { ticks: number; cpuNs: number; rssKb: number };
}
const procUrl = inject('procUrl');
// BENCH_D1=remote (the default of bench:load): the database is in another workerd process, as D1
// is on Cloudflare (remote-d1.ts); else the local D1 inside the measured process.
const remoteUrl = inject('remoteD1Url');
const remote = remoteUrl ? remoteD1(remoteUrl) : null;
const DB = remote ?? env.DB;
// Ticket and mail deliveries are separate invocations (queue consumers) with their own CPU on
// Cloudflare; here the sends are counted and not consumed, so no consumer runs inside a turn.
let queueSends = 0;
const producer = { send: async () => void queueSends++, sendBatch: async (m: unknown[]) => void (queueSends += m.length) };
const benchEnv = { ...env, DB, TICKET_EVENTS: producer, MAIL_OUTBOX: producer } as unknown as Env;

/**
 * An execution context whose waitUntil work is awaited at the end of the turn, so it is counted
 * in its turn. (The pool's waitOnExecutionContext waits through a patched setTimeout that takes
 * a stack trace: bench overhead that would be counted as the app's.)
 */
function turnContext() {
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  return {
    ctx,
    settled: async () => {
      while (pending.length) await Promise.allSettled(pending.splice(0));
    },
  };
}
const sampleOnce = async (): Promise<Sample> => (await fetch(`${procUrl}/sample`)).json();
// Once more on a dropped kept-alive connection to the sampler.
const sample = () => sampleOnce().catch(sampleOnce);

async function call<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  const { ctx, settled } = turnContext();
  const res = await app.fetch(
    new Request(BASE + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
    benchEnv,
    ctx,
  );
  await settled();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

const PRODUCT = ['Do you have a waterproof jacket?', 'merino t-shirt in size M', 'show me fleece jackets', 'hiking trousers under 100', 'a warm down jacket for winter', 'do you sell rain jackets?', 'Alpine Tundra Down Jacket Pro', 'softshell jacket in navy', 'merino leggings size L', 'sherpa pullover'];
const POLICY = ['What is your return policy?', 'How long does shipping take?', 'Do you ship internationally?', 'What payment methods do you accept?', 'How does the warranty work?', 'When are you open?'];
const HANDOFF = ['I want a refund for my order', 'My parcel arrived damaged', 'Can I get a discount?', 'Please cancel my order'];

it(`measures CPU per turn on a 10,000-product catalog (${TURNS} turns per class)`, async () => {
  const shopId = 'cpu-10k';
  const keys = await call<{ adminKey: string; identitySecret: string; identityKid: string }>('POST', '/v1/shops', env.AISLE_OPERATOR_KEY, { id: shopId, name: shopId });
  const catalog = generateCatalog((demo as unknown as { products: Generated[] }).products);
  for (let i = 0; i < catalog.length; i += 500) await call('PUT', `/v1/shops/${shopId}/catalog`, keys.adminKey, { products: catalog.slice(i, i + 500), importId: 'cpu', final: i + 500 >= catalog.length });
  await call('PUT', `/v1/shops/${shopId}/policies`, keys.adminKey, { policies: policies.policies });
  await call('PUT', `/v1/shops/${shopId}/orders`, keys.adminKey, orders);
  const customers = orders.customers.filter((c) => orders.orders.some((o) => o.customerId === c.id));
  const tokens = await Promise.all(customers.map((c) => signCustomerToken({ shopId, secret: keys.identitySecret, kid: keys.identityKid, customerId: c.id, ttlSeconds: 3600 })));

  const classes = ['product', 'policy', 'order', 'handoff'] as const;
  type Cls = (typeof classes)[number];
  // Three turns per conversation (history grows as it does for a shopper); a handoff opens a new one.
  const conversations = new Map<Cls, { id: string; used: number; customer: number }>();
  const turnFor = (cls: Cls, n: number) => {
    let conv = conversations.get(cls);
    if (!conv || conv.used >= (cls === 'handoff' ? 1 : 3)) conversations.set(cls, (conv = { id: crypto.randomUUID(), used: 0, customer: n % customers.length }));
    conv.used++;
    const order = orders.orders.filter((o) => o.customerId === customers[conv.customer].id)[n % 2] ?? orders.orders.find((o) => o.customerId === customers[conv.customer].id)!;
    const text = cls === 'product' ? PRODUCT[n % PRODUCT.length] : cls === 'policy' ? POLICY[n % POLICY.length] : cls === 'handoff' ? HANDOFF[n % HANDOFF.length] : n % 3 === 2 ? 'Has my last order shipped?' : `Where is my order ${order.number}?`;
    return { conversationId: conv.id, text, token: cls === 'order' || (cls === 'handoff' && n % 2) ? tokens[conv.customer] : null };
  };
  const secrets = new Map<string, string>();
  let lastTurn = { text: '', signedIn: false };
  const turn = async (cls: Cls, n: number, sql?: string[]) => {
    const t = turnFor(cls, n);
    lastTurn = { text: t.text, signedIn: t.token !== null };
    const count: D1Count = { statements: 0, sqlMs: 0, sql };
    const { ctx, settled } = turnContext();
    const res = await app.fetch(
      new Request(`${BASE}/v1/shops/${shopId}/chat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cf-connecting-ip': `10.1.${(n >> 8) & 255}.${n & 255}`,
          // The v1.1 widget: `new` on a conversation's first turn, then the secret it was given.
          [CONVERSATION_SECRET_HEADER]: secrets.get(t.conversationId) ?? NEW_CONVERSATION_SECRET,
          ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
        },
        body: JSON.stringify({ conversationId: t.conversationId, message: { text: t.text } }),
      }),
      { ...benchEnv, DB: countingD1(DB, count) },
      ctx,
    );
    const body = await res.text();
    // What the turn left to waitUntil belongs to the turn.
    await settled();
    if (!res.ok || !body.includes('"type":"finish"')) throw new Error(`${cls} turn ${n} failed: ${res.status} ${body.slice(0, 300)}`);
    const issued = res.headers.get(CONVERSATION_SECRET_HEADER);
    if (issued) secrets.set(t.conversationId, issued);
    return count;
  };

  const turnHello = async () => {
    const { ctx, settled } = turnContext();
    const res = await app.fetch(
      new Request(`${BASE}/v1/shops/${shopId}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONVERSATION_SECRET_HEADER]: NEW_CONVERSATION_SECRET },
        body: JSON.stringify({ conversationId: crypto.randomUUID(), message: { text: 'hello' } }),
      }),
      benchEnv,
      ctx,
    );
    await res.text();
    await settled();
  };

  // The cost of one /proc read as seen from inside the interval it measures, subtracted below.
  const empty: number[] = [];
  for (let i = 0; i < 50; i++) {
    const a = await sample();
    const b = await sample();
    empty.push(b.cpuNs - a.cpuNs);
  }
  const overheadNs = pct(empty, 50);

  // What one D1 statement costs this process by itself: with the local D1, its SQL runs here
  // (on Cloudflare it does not); with the remote D1, only the sending and parsing.
  const statementCpu: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = await sample();
    await DB.prepare('SELECT 1').first();
    const b = await sample();
    statementCpu.push(Math.max(0, b.cpuNs - a.cpuNs - overheadNs) / 1e6);
  }
  const perStatementMs = pct(statementCpu, 50);
  // Remote: one round trip that runs no SQL, the transport alone (HTTP over loopback here; on
  // Cloudflare the binding's own RPC, whose network work is not the isolate's CPU time).
  const tripCpu: number[] = [];
  for (let i = 0; remote && i < 200; i++) {
    const a = await sample();
    await remote.ping();
    const b = await sample();
    tripCpu.push(Math.max(0, b.cpuNs - a.cpuNs - overheadNs) / 1e6);
  }
  const perTripMs = remote ? pct(tripCpu, 50) : 0;

  let done = 0;
  const rss: { turn: number; mb: number; d1Mb?: number; heapMb?: number }[] = [];
  const afterTurn = async () => {
    done++;
    if (done >= 100 && done % 100 === 0) {
      const s = await sample();
      // BENCH_HEAP (see proc.global-setup.ts): V8's heap in use after a collection, beside the RSS.
      const heap = (await (await fetch(`${procUrl}/heap`)).json()) as { usedSize?: number };
      rss.push({ turn: done, mb: s.rssKb / 1024, d1Mb: s.d1 && s.d1.rssKb / 1024, heapMb: heap.usedSize === undefined ? undefined : heap.usedSize / 2 ** 20 });
    }
  };
  // Warm-up: JIT, the vocabulary cache, SQLite's page cache.
  for (let n = 0; n < 100; n++) {
    await turn(classes[n % classes.length], n);
    await afterTurn();
  }

  const rows: string[] = [];
  const sqlShown: string[] = [];
  const results: Record<string, { p50: number; p99: number }> = {};
  for (const cls of classes) {
    const cpu: number[] = [];
    const statements: number[] = [];
    const sqlMs: number[] = [];
    const written: number[] = [];
    const other: number[] = [];
    const lessTrips: number[] = [];
    const trips: number[] = [];
    let most: { statements: number; sql: string[]; text: string; signedIn: boolean } | null = null;
    const start = await sample();
    await fetch(`${procUrl}/profile/start`);
    for (let n = 0; n < TURNS; n++) {
      const a = await sample();
      const sql: string[] | undefined = SHOW_SQL ? [] : undefined;
      const count = await turn(cls, n + 1000, sql);
      // --sql: the statements of the class's turn with the most of them (the one the cap is about).
      if (sql && count.statements > (most?.statements ?? -1)) most = { statements: count.statements, sql, ...lastTurn };
      const b = await sample();
      cpu.push(Math.max(0, b.cpuNs - a.cpuNs - overheadNs) / 1e6);
      statements.push(count.statements);
      trips.push(count.roundTrips ?? 0);
      lessTrips.push(Math.max(0, cpu.at(-1)! - (count.roundTrips ?? 0) * perTripMs));
      sqlMs.push(count.sqlMs ?? 0);
      written.push(count.rowsWritten ?? 0);
      // Remote: the D1 process's own CPU for this turn. Local: the Worker's share, estimated.
      other.push(a.d1 && b.d1 ? (b.d1.cpuNs - a.d1.cpuNs) / 1e6 : Math.max(0, cpu.at(-1)! - count.statements * perStatementMs - (count.sqlMs ?? 0)));
      await afterTurn();
    }
    await fetch(`${procUrl}/profile/${cls}`);
    if (most) sqlShown.push(`    the ${cls} turn with the most statements (${most.statements}: "${most.text}"${most.signedIn ? ', signed in' : ''}), ${most.sql.length} prepared:`, ...most.sql.map((q: string) => `      ${q.slice(0, 110)}`));
    const end = await sample();
    const ticksMs = (((end.ticks - start.ticks) / CLOCK_TICKS) * 1000) / TURNS;
    results[cls] = { p50: pct(cpu, 50), p99: pct(cpu, 99) };
    rows.push(
      `    ${cls.padEnd(8)} ${String(TURNS).padStart(5)}  ${pct(cpu, 50).toFixed(2).padStart(6)}  ${pct(cpu, 90).toFixed(2).padStart(6)}  ${pct(cpu, 99).toFixed(2).padStart(6)}  ${Math.max(...cpu).toFixed(2).padStart(6)}  ${ticksMs.toFixed(2).padStart(10)}  ${pct(sqlMs, 50).toFixed(2).padStart(9)}  ${(statements.reduce((s, x) => s + x, 0) / TURNS).toFixed(1).padStart(5)}  ${String(Math.max(...statements)).padStart(4)}  ${(written.reduce((s, x) => s + x, 0) / TURNS).toFixed(1).padStart(5)}   ${pct(other, 50).toFixed(2).padStart(5)} ${pct(other, 99).toFixed(2).padStart(6)}   ${pct(cpu, 99) <= 5 ? 'yes' : 'no'}${remote ? `   ${(trips.reduce((s, x) => s + x, 0) / TURNS).toFixed(1).padStart(4)}  ${pct(lessTrips, 50).toFixed(2).padStart(5)} ${pct(lessTrips, 99).toFixed(2).padStart(6)}   ${pct(lessTrips, 99) <= 5 ? 'yes' : 'no'}` : ''}`,
    );
  }
  // The floor under every figure above, measured the same way: a request that does nothing, and
  // one D1 statement.
  const floor = async (label: string, fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let n = 0; n < 200; n++) {
      const a = await sample();
      await fn();
      const b = await sample();
      xs.push(Math.max(0, b.cpuNs - a.cpuNs - overheadNs) / 1e6);
    }
    rows.push(`    ${label.padEnd(30)} p50 ${pct(xs, 50).toFixed(2)}  p99 ${pct(xs, 99).toFixed(2)}`);
  };
  rows.push('    floors, measured the same way:');
  await floor('GET /healthz', async () => (await app.fetch(new Request(`${BASE}/healthz`), benchEnv, createExecutionContext())).text());
  await floor('one D1 statement (SELECT 1)', () => DB.prepare('SELECT 1').first());
  if (remote) await floor('one round trip, no SQL', () => remote.ping());
  await fetch(`${procUrl}/profile/start`);
  await floor("chat turn 'hello' (no search)", () => turnHello());
  await fetch(`${procUrl}/profile/hello`);
  const at = (t: number) => rss.find((r) => r.turn === t)?.mb;
  const growth = (a: number, b: number) => {
    const from = at(a);
    const to = at(b);
    return from && to ? `${(((to - from) / from) * 100).toFixed(1)}%` : null;
  };
  console.log(
    [
      `\n(p) CPU per turn inside workerd, ${catalog.length} products, offline engine, ${remoteUrl ? 'D1 in a separate workerd process (remote-d1.ts), as on Cloudflare' : 'local D1 inside the measured process'}; the measured workerd process's CPU around each turn (schedstat, minus ${(overheadNs / 1e6).toFixed(2)} ms for the /proc read itself)`,
      `    class    turns  p50 ms  p90 ms  p99 ms  max ms  utime+stime  SQL p50 ms  D1 statements mean/max  rows written mean  ${remoteUrl ? 'D1 process CPU p50/p99' : 'Worker alone p50/p99 (est.)'}  p99 <= 5 ms${remoteUrl ? '  round trips  less round trips p50/p99  p99 <= 5 ms' : ''}`,
      ...rows,
      remoteUrl
        ? `    one statement (SELECT 1) costs the measured process ${perStatementMs.toFixed(2)} ms, one round trip without SQL ${perTripMs.toFixed(2)} ms (HTTP over loopback); "less round trips" = process CPU - round trips x ${perTripMs.toFixed(2)} ms, the SQL text, parameters and results still built and parsed here`
        : `    Worker alone (est.) = process CPU - statements x ${perStatementMs.toFixed(2)} ms (one SELECT 1 through the local D1) - the SQL time D1 reports`,
      `    queue sends (counted, not consumed): ${queueSends}`,
      `    RSS MB every 100 turns after 100 warm-up turns: ${rss.map((r) => `${r.turn}: ${r.mb.toFixed(0)}`).join(', ')}`,
      ...(rss.some((r) => r.heapMb !== undefined) ? [`    V8 heap in use MB after a collection (BENCH_HEAP), same turns: ${rss.map((r) => `${r.turn}: ${(r.heapMb ?? 0).toFixed(1)}`).join(', ')}`] : []),
      ...(remoteUrl ? [`    RSS MB of the D1 process, same turns: ${rss.map((r) => `${r.turn}: ${(r.d1Mb ?? 0).toFixed(0)}`).join(', ')}`] : []),
      ...sqlShown,
      growth(200, 1000) ? `    growth from turn 200 to 1,000: ${growth(200, 1000)} (flat means under 10%); to turn ${rss.at(-1)!.turn}: ${growth(200, rss.at(-1)!.turn)}` : '    (fewer than 1,000 turns: no growth figure)',
    ].join('\n'),
  );
  expect(Object.keys(results)).toHaveLength(4);
});
