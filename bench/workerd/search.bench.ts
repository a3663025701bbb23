/**
 * Catalog search timed inside workerd: the same 10,000 products and 64 queries as the
 * `wrangler dev` half of bench/search.ts, imported and searched through the real Hono app
 * (called in the test's isolate), reading the Worker's own `tookMs` and D1 figures from each response. Prints
 * figures; fails only when the search itself is broken (a request fails or nothing is found).
 */
import { createExecutionContext, env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import demo from '../../edge/src/demo/data/catalog.json';
import { app } from '../../edge/src/index';
import { buildQueries, type Generated, generateCatalog, LATENCY_HEADER, latencyRow as row } from '../search-data';

const BASE = 'http://aisle.bench';
const ROUNDS = Number((env as unknown as { BENCH_ROUNDS?: string }).BENCH_ROUNDS ?? 5);

async function call<T>(method: string, path: string, key: string, body?: unknown): Promise<T> {
  // The Hono app called in this isolate: SELF.fetch would add a harness cost that grows with
  // every request of a long test (20 /healthz calls went from 80 ms to 2.5 s over 500 searches).
  const req = new Request(BASE + path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await app.fetch(req, env, createExecutionContext());
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

interface SearchOut {
  hits: { id: string }[];
  tookMs: number;
  d1: { statements: number; waitMs: number; sqlMs: number };
}

it('searches a 10,000-product catalog inside workerd', async () => {
  const shop = 'bench-10k';
  const { adminKey } = await call<{ adminKey: string }>('POST', '/v1/shops', env.AISLE_OPERATOR_KEY, { id: shop, name: shop });
  const catalog = generateCatalog((demo as unknown as { products: Generated[] }).products);
  const started = performance.now();
  for (let i = 0; i < catalog.length; i += 500) {
    await call('PUT', `/v1/shops/${shop}/catalog`, adminKey, { products: catalog.slice(i, i + 500), importId: 'bench', final: i + 500 >= catalog.length });
  }
  const importMs = performance.now() - started;

  const queries = buildQueries(catalog);
  const search = (q: string) => call<SearchOut>('GET', `/v1/shops/${shop}/catalog/search?${new URLSearchParams({ q, limit: '5' })}`, adminKey);
  for (const q of queries) await search(q.q); // warm-up: vocabulary cache, JIT
  const took: number[] = [];
  const sql: number[] = [];
  const trip: number[] = [];
  const own: number[] = [];
  let at5 = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      const out = await search(q.q);
      took.push(out.tookMs);
      sql.push(out.d1.sqlMs);
      trip.push(Math.max(0, out.d1.waitMs - out.d1.sqlMs));
      own.push(out.d1.sqlMs + Math.max(0, out.tookMs - out.d1.waitMs));
      if (round === 0 && out.hits.some((h) => h.id === q.expect)) at5++;
    }
  }
  console.log(
    [
      `\n(d) Inside workerd (Miniflare, no wrangler dev): ${catalog.length} products imported in ${(importMs / 1000).toFixed(1)} s; ${queries.length} queries x ${ROUNDS} rounds, hit@5 ${at5}/${queries.length}`,
      LATENCY_HEADER,
      row('search inside the Worker', took),
      row('  SQL in D1 (meta.duration)', sql),
      row('  trip to D1 and back (wait - SQL)', trip),
      row("  search's own work (SQL + compute)", own),
    ].join('\n'),
  );
  expect(at5).toBeGreaterThan(0);
});
