/**
 * Routing benchmark: every Bitext utterance goes through the policy gate.
 * Scores handoff recall on intents routed `handoff` and false handoffs on
 * every other intent, plus classification latency. Exits non-zero when a
 * target is missed. Reads ../shared/data at run time; never part of npm test.
 *
 *   npm run bench:routing            # table + totals
 *   npm run bench:routing -- --misses # also print the misrouted utterances
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyMessage, detectIntents } from '../edge/src/policy-gate/index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/data/bitext-8k');
const utterancesFile = path.join(dataDir, 'utterances.csv');
const routesFile = path.join(dataDir, 'routes.csv');

const TARGETS = { recall: 0.99, recallPerIntent: 0.97, falseHandoff: 0.05, falseHandoffPerIntent: 0.1 };

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readTable(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function main(): number {
  for (const f of [utterancesFile, routesFile]) {
    if (!existsSync(f)) {
      console.error(`Benchmark data not found: ${f}\nThe routing benchmark reads ../shared/data/bitext-8k next to the repository; it is not part of npm test.`);
      return 1;
    }
  }
  const showMisses = process.argv.includes('--misses');
  const routes = new Map(readTable(routesFile).map((r) => [r.intent, r.route]));
  const rows = readTable(utterancesFile);

  interface Stat {
    route: string;
    n: number;
    handoffs: number;
    misses: string[];
  }
  const stats = new Map<string, Stat>();
  const times: number[] = [];
  for (const row of rows) {
    const route = routes.get(row.intent);
    if (!route) continue;
    const t0 = performance.now();
    const decision = classifyMessage(row.utterance);
    times.push(performance.now() - t0);
    const st = stats.get(row.intent) ?? { route, n: 0, handoffs: 0, misses: [] };
    st.n++;
    if (decision.handoff) st.handoffs++;
    const wrong = route === 'handoff' ? !decision.handoff : decision.handoff;
    if (wrong) st.misses.push(decision.handoff ? `${row.utterance}  -> ${decision.categories.join(',')} [${decision.rules.join(' ')}]` : row.utterance);
    stats.set(row.intent, st);
  }

  const failures: string[] = [];
  const lines: string[] = [];
  let hN = 0;
  let hHit = 0;
  let oN = 0;
  let oHit = 0;
  const sorted = [...stats.entries()].sort((a, b) => a[1].route.localeCompare(b[1].route) || a[0].localeCompare(b[0]));
  lines.push(`${'intent'.padEnd(28)}${'route'.padEnd(24)}${'n'.padStart(6)}${'handoff'.padStart(10)}  ok`);
  for (const [intent, st] of sorted) {
    const rate = st.handoffs / st.n;
    const isHandoff = st.route === 'handoff';
    const ok = isHandoff ? rate >= TARGETS.recallPerIntent : rate <= TARGETS.falseHandoffPerIntent;
    if (!ok) failures.push(`${intent}: handoff rate ${pct(rate)}`);
    lines.push(`${intent.padEnd(28)}${st.route.padEnd(24)}${String(st.n).padStart(6)}${pct(rate).padStart(10)}  ${ok ? 'yes' : 'NO'}`);
    if (isHandoff) {
      hN += st.n;
      hHit += st.handoffs;
    } else {
      oN += st.n;
      oHit += st.handoffs;
    }
  }
  console.log(lines.join('\n'));
  const recall = hHit / hN;
  const falseRate = oHit / oN;
  if (recall < TARGETS.recall) failures.push(`overall recall ${pct(recall)} < ${pct(TARGETS.recall)}`);
  if (falseRate > TARGETS.falseHandoff) failures.push(`overall false handoffs ${pct(falseRate)} > ${pct(TARGETS.falseHandoff)}`);
  times.sort((a, b) => a - b);
  console.log('');
  console.log(`utterances        ${rows.length}`);
  console.log(`handoff recall    ${pct(recall)} (${hHit}/${hN}; target >= ${pct(TARGETS.recall)}, >= ${pct(TARGETS.recallPerIntent)} per intent)`);
  console.log(`false handoffs    ${pct(falseRate)} (${oHit}/${oN}; target <= ${pct(TARGETS.falseHandoff)}, <= ${pct(TARGETS.falseHandoffPerIntent)} per intent)`);
  console.log(`classify time     p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms`);
  // Product questions about two catalogs written by others: product names must not read as requests.
  const productQuestions = productNameQuestions();
  const productHandoffs = productQuestions.filter((q) => classifyMessage(q).handoff);
  console.log(`product questions ${productQuestions.length} over two public catalogs, handed off ${productHandoffs.length} (target 0)`);
  for (const q of productHandoffs.slice(0, 10)) console.log(`   ${q} -> ${classifyMessage(q).categories.join(', ')}`);
  if (productHandoffs.length > 0) failures.push(`${productHandoffs.length} product questions handed off`);
  // ...and the offline engine's intent rules send them to the catalog, not to a policy page.
  const misrouted = productQuestions.filter((q) => {
    const i = detectIntents(q);
    return !i.productQuery || i.policyQuestion || i.orderStatus;
  });
  console.log(`product questions routed elsewhere than catalog search: ${misrouted.length} (target 0)`);
  for (const q of misrouted.slice(0, 10)) console.log(`   ${q}`);
  if (misrouted.length > 0) failures.push(`${misrouted.length} product questions not routed to catalog search`);
  if (showMisses) {
    for (const [intent, st] of sorted) {
      if (st.misses.length === 0) continue;
      console.log(`\n== ${intent} (${st.route}) ${st.misses.length} misrouted`);
      for (const m of st.misses) console.log(`   ${m}`);
    }
  }
  if (failures.length) {
    console.log(`\nTargets missed:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log('\nAll targets met.');
  return 0;
}

/** "Do you have the <title>?" and friends for every product of the dummyjson and tau-retail catalogs. */
function productNameQuestions(): string[] {
  const read = (rel: string) => {
    const file = path.resolve(repoRoot, '../shared/data', rel);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  };
  const dummy = read('catalogs/dummyjson-products.json');
  const tau = read('tau-retail/products.json');
  const titles: string[] = [
    ...((Array.isArray(dummy) ? dummy : dummy?.products) ?? []).map((p: { title: string }) => p.title),
    ...(tau ? (Array.isArray(tau) ? tau : Object.values(tau)) : []).map((p: any) => p.name as string),
  ].filter(Boolean);
  return titles.flatMap((t) => [`Do you have the ${t}?`, `Is the ${t} in stock?`, `How much is the ${t}?`, `Tell me about the ${t}`]);
}

process.exitCode = main();
