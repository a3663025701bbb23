/**
 * Catalog search benchmark. Starts the real Worker (`wrangler dev`, local D1 in a temp folder),
 * then:
 *  (a) builds a 10,000-product catalog from the demo shop's 50 products (titles, colours, sizes,
 *      prices and stock varied deterministically) and imports it through the admin API in batches;
 *  (b) runs a query set with exact names, typos, synonyms and variant options, each with the
 *      product (and variant) it must find, and prints hit@1/hit@5, variant accuracy and latency
 *      inside the Worker (`tookMs`), split into the wait for D1 (the local D1 is an RPC to
 *      another workerd service), the SQL time D1 reports and the Worker's own compute, and over HTTP;
 *  (c) imports two differently shaped public catalogs from ../shared/data (read at run time,
 *      adapted here, never copied into the repo) and runs generic searches on each;
 *  (d) runs bench/workerd/search.bench.ts: the same catalog and queries through the real app and
 *      local D1 inside workerd (Miniflare, as in npm test) without wrangler dev's proxy and
 *      file watchers competing for the machine, to time the search itself.
 * Never part of npm test.
 *
 *   npm run bench:search
 *   npm run bench:search -- --rounds 10 --misses
 *   npm run bench:search -- --keep     # keep the local D1 files to inspect queries
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProductInput } from '../shared/catalog';
import { buildQueries, type Generated, generateCatalog, LATENCY_HEADER, latencyRow, pct } from './search-data';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../scripts/stack.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedData = path.resolve(repoRoot, '../shared/data');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 5);
const SHOW_MISSES = process.argv.includes('--misses');
const BATCH = 500;

// --- (c) adapters for the public catalogs (run time only) ---

/** Items of a Python-style list string "['a', 'b']" as DummyJSON's CSV export stores them. */
const pyList = (s: unknown): string[] => (typeof s === 'string' ? [...s.matchAll(/'([^']*)'/g)].map((m) => m[1]) : Array.isArray(s) ? s.map(String) : []);

function adaptDummyJson(rows: Record<string, unknown>[]): ProductInput[] {
  return rows.map((r) => {
    const stock = Number(r.stock ?? 0);
    return {
      id: `dj-${r.id}`,
      title: String(r.title),
      description: String(r.description ?? ''),
      vendor: r.brand ? String(r.brand) : undefined,
      category: String(r.category ?? ''),
      tags: pyList(r.tags),
      images: pyList(r.images).filter((u) => u.startsWith('http')).slice(0, 5),
      price: Number(r.price),
      currency: 'USD',
      availability: stock <= 0 ? 'out_of_stock' : stock < 5 ? 'low_stock' : 'in_stock',
      attributes: { ...(r.warrantyInformation ? { warranty: String(r.warrantyInformation) } : {}), ...(r.weight ? { weight: Number(r.weight) } : {}) },
    };
  });
}

interface TauProduct {
  name: string;
  product_id: string;
  variants: Record<string, { item_id: string; options: Record<string, unknown>; available: boolean; price: number }>;
}

function adaptTau(products: Record<string, TauProduct>): ProductInput[] {
  return Object.values(products).map((p) => {
    const variants = Object.values(p.variants).map((v) => ({
      id: v.item_id,
      options: Object.fromEntries(Object.entries(v.options).map(([k, val]) => [k, String(val)]).filter(([, val]) => val !== '')),
      price: v.price,
      availability: v.available ? ('in_stock' as const) : ('out_of_stock' as const),
    }));
    return { id: p.product_id, title: p.name, price: Math.min(...variants.map((v) => v.price)), currency: 'USD', category: p.name, variants };
  });
}

// --- running ---


async function main() {
  const demoFile = path.join(repoRoot, 'edge/src/demo/data/catalog.json');
  const dummyFile = path.join(sharedData, 'catalogs/dummyjson-products.json');
  const tauFile = path.join(sharedData, 'tau-retail/products.json');
  for (const f of [demoFile, dummyFile, tauFile]) if (!existsSync(f)) throw new Error(`Missing ${f}`);

  const dir = mkdtempSync(path.join(tmpdir(), 'aisle-bench-search-'));
  const devVarsFile = path.join(dir, '.dev.vars');
  writeFileSync(devVarsFile, '');
  let stack: { url: string; secrets: Record<string, string>; stop(): Promise<void> } | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stack?.stop();
    if (process.argv.includes('--keep')) console.log(`\nKept the local D1 state in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void stop().then(() => process.exit(130)));
  try {
    console.log('Starting wrangler dev (local D1 in a temp folder)...');
    stack = await startStack({ persistTo: path.join(dir, 'state'), devVarsFile, quiet: true, seed: false });
    const { url, secrets } = stack!;
    const call = async (method: string, p: string, body?: unknown, key?: string) => {
      const res = await fetch(url + p, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as any;
      if (!res.ok) throw new Error(`${method} ${p} -> ${res.status}: ${JSON.stringify(json).slice(0, 800)}`);
      return json;
    };
    const newShop = async (id: string) => (await call('POST', '/v1/shops', { id, name: id }, secrets.AISLE_OPERATOR_KEY)).adminKey as string;
    const importAll = async (shop: string, key: string, products: unknown[]) => {
      const started = performance.now();
      const importId = `bench-${Date.now()}`;
      let total = 0;
      for (let i = 0; i < products.length; i += BATCH) {
        const final = i + BATCH >= products.length;
        const out = await call('PUT', `/v1/shops/${shop}/catalog`, { products: products.slice(i, i + BATCH), importId, final }, key);
        total = out.total;
      }
      return { ms: performance.now() - started, total };
    };
    const searchOnce = async (shop: string, key: string, q: string) => {
      const t0 = performance.now();
      const out = await call('GET', `/v1/shops/${shop}/catalog/search?${new URLSearchParams({ q, limit: '5' })}`, undefined, key);
      const d1 = out.d1 as { statements: number; waitMs: number; sqlMs: number };
      return { http: performance.now() - t0, worker: out.tookMs as number, d1, hits: out.hits as { id: string; variant?: { options: Record<string, string> } }[] };
    };

    // (a)
    const base = (JSON.parse(readFileSync(demoFile, 'utf8')) as { products: Generated[] }).products;
    const catalog = generateCatalog(base);
    const key = await newShop('bench-10k');
    const imp = await importAll('bench-10k', key, catalog);
    console.log(`\n(a) Imported ${imp.total} products in ${Math.ceil(catalog.length / BATCH)} batches: ${(imp.ms / 1000).toFixed(1)} s (${((catalog.length / imp.ms) * 1000).toFixed(0)} products/s)`);

    // (b)
    const queries = buildQueries(catalog);
    for (const q of queries) await searchOnce('bench-10k', key, q.q); // warm-up (vocabulary cache, JIT)
    const worker: number[] = [];
    const http: number[] = [];
    const wait: number[] = [];
    const sql: number[] = [];
    const compute: number[] = [];
    const statements: number[] = [];
    const byKind = new Map<string, { n: number; at1: number; at5: number; variantOk: number; variantN: number; ms: number[] }>();
    const misses: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of queries) {
        const r = await searchOnce('bench-10k', key, q.q);
        worker.push(r.worker);
        http.push(r.http);
        wait.push(r.d1.waitMs);
        sql.push(r.d1.sqlMs);
        compute.push(Math.max(0, r.worker - r.d1.waitMs));
        statements.push(r.d1.statements);
        const s = byKind.get(q.kind) ?? { n: 0, at1: 0, at5: 0, variantOk: 0, variantN: 0, ms: [] };
        byKind.set(q.kind, s);
        s.ms.push(r.worker);
        if (round > 0) continue;
        const ids = r.hits.map((h) => h.id);
        s.n++;
        if (ids[0] === q.expect) s.at1++;
        if (ids.includes(q.expect)) s.at5++;
        if (ids[0] !== q.expect) misses.push(`${ids.includes(q.expect) ? 'not 1st' : 'miss   '} ${q.kind.padEnd(8)} "${q.q}" expected ${q.expect}, got ${ids.slice(0, 3).join(', ') || '(nothing)'}`);
        if (q.variant) {
          s.variantN++;
          const hit = r.hits.find((h) => h.id === q.expect);
          if (hit?.variant && Object.entries(q.variant).every(([k, v]) => hit.variant!.options[k] === v)) s.variantOk++;
        }
      }
    }
    console.log(`\n(b) ${queries.length} queries x ${ROUNDS} rounds on ${imp.total} products`);
    console.log('    kind       n   hit@1  hit@5  variant  p50 ms (Worker)');
    let n = 0, at1 = 0, at5 = 0;
    for (const [kind, s] of byKind) {
      n += s.n; at1 += s.at1; at5 += s.at5;
      console.log(`    ${kind.padEnd(8)} ${String(s.n).padStart(3)}  ${(s.at1 / s.n * 100).toFixed(0).padStart(5)}% ${(s.at5 / s.n * 100).toFixed(0).padStart(5)}%  ${(s.variantN ? `${s.variantOk}/${s.variantN}` : '').padStart(7)}  ${pct(s.ms, 50).toFixed(1)}`);
    }
    console.log(`    all      ${String(n).padStart(3)}  ${(at1 / n * 100).toFixed(0).padStart(5)}% ${(at5 / n * 100).toFixed(0).padStart(5)}%`);
    const row = (label: string, xs: number[]) => console.log(latencyRow(label, xs));
    console.log(LATENCY_HEADER);
    row('search inside the Worker', worker);
    row('  waiting for D1 (trip + SQL)', wait);
    row('  SQL in D1 (meta.duration)', sql);
    row('  trip to D1 and back (wait - SQL)', wait.map((w, i) => Math.max(0, w - sql[i])));
    row('  Worker compute (rest)', compute);
    row("  search's own work (SQL + compute)", compute.map((c, i) => c + sql[i]));
    row('search over HTTP (client clock)', http);
    console.log(`    D1 statements per search: mean ${(statements.reduce((a, b) => a + b, 0) / statements.length).toFixed(2)}, max ${Math.max(...statements)}`);
    if (SHOW_MISSES && misses.length) console.log(`    misses:\n      ${misses.join('\n      ')}`);
    else if (misses.length) console.log(`    ${misses.length} queries without the expected product first (run with --misses to list them)`);

    // (c)
    const others: [string, ProductInput[], string[]][] = [
      ['dummyjson', adaptDummyJson(JSON.parse(readFileSync(dummyFile, 'utf8'))), ['mascara', 'red lipstick', 'laptop', 'iphone', 'sunglasses', 'perfume', 'kitchen knife', 'mens watch', 'sofa', 'fresh apples', 'motorcycle helmet', 'snorkel']],
      ['tau-retail', adaptTau(JSON.parse(readFileSync(tauFile, 'utf8'))), ['blue t-shirt size M', 'water bottle', 'laptop', 'office chair', 'hiking boots size 10', 'mechanical keyboard', 'wireless headphones', 'backpack', 'smart watch', 'jigsaw puzzle', 'bluetooth speaker', 'surfboard']],
    ];
    console.log('\n(c) Other catalogs');
    for (const [name, products, qs] of others) {
      const k = await newShop(`bench-${name}`);
      const r = await importAll(`bench-${name}`, k, products);
      const lat: number[] = [];
      const counts: string[] = [];
      for (const q of qs) await searchOnce(`bench-${name}`, k, q);
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of qs) {
          const s = await searchOnce(`bench-${name}`, k, q);
          lat.push(s.worker);
          if (round === 0) counts.push(`${q}: ${s.hits.length}${s.hits[0] ? ` (${s.hits[0].id})` : ''}`);
        }
      }
      console.log(`    ${name}: ${r.total} products imported in ${(r.ms / 1000).toFixed(2)} s; search in Worker p50 ${pct(lat, 50).toFixed(2)} ms, p99 ${pct(lat, 99).toFixed(2)} ms`);
      console.log(`      hits (top 5): ${counts.join('; ')}`);
    }
  } finally {
    await stop();
  }

  // (d) the same catalog and queries inside workerd without wrangler dev around it.
  console.log('\nStarting the workerd half (Miniflare through vitest-pool-workers)...');
  const vitest = path.join(repoRoot, 'node_modules/.bin/vitest');
  const run = spawnSync(vitest, ['run', '--config', 'bench/workerd/vitest.config.ts', '--reporter', 'dot', 'bench/workerd/search.bench.ts'], {
    cwd: repoRoot,
    env: { ...process.env, BENCH_ROUNDS: String(ROUNDS), WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    encoding: 'utf8',
  });
  const lines = `${run.stdout}`.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
  const from = lines.findIndex((l) => l.startsWith('(d)'));
  const report = from < 0 ? [] : lines.slice(from, lines.findIndex((l, i) => i > from && !l.startsWith('    ')));
  if (run.status !== 0 || report.length === 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`the workerd half failed (exit ${run.status})`);
  }
  console.log(report.join('\n'));
}

main().catch(async (err) => {
  console.error(err);
  process.exit(1);
});
