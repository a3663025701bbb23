/**
 * Load benchmark: N conversations at once, each from its own client address, each a few turns of
 * product, policy, verified order and handoff questions (bench/load-plan.ts), then every
 * conversation, audit trail and ticket read back and counted: errors, lost turns, lost and
 * duplicate tickets, latency, and the workerd process's memory. Run twice, to tell the app apart
 * from the local dev proxy:
 *  (d) through `wrangler dev` (local D1 in a temp folder), over HTTP on 127.0.0.1;
 *  (c) when (d) had errors (or with --control): bench/trivial-worker, a Worker that only waits and
 *      streams, under wrangler dev with the same conversations and latencies, to see which errors
 *      are the dev proxy's;
 *  (w) bench/workerd/load.bench.ts: the same conversations through the real app inside workerd
 *      (Miniflare, as in npm test), which also prints D1 statements per turn by answer class;
 *  (p) bench/workerd/cpu.bench.ts: CPU per turn by answer class on 10,000 products, from /proc,
 *      and RSS every 100 turns (--cpu-turns N per class, default 500; --only cpu runs just this).
 *      The database is in a second workerd process, as D1 is outside the Worker on Cloudflare
 *      (bench/workerd/remote-d1.ts); --d1 local keeps the local D1 inside the measured process.
 * The client never retries: every non-2xx counts. Bounded: a 180 s client timeout per request,
 * and the run ends when the slowest conversation does. Never part of npm test.
 *
 *   npm run bench:load
 *   npm run bench:load -- --conversations 50 --turns 3
 *   npm run bench:load -- --only workerd        # or: --only dev, --only cpu
 *   npm run bench:load -- --only cpu --cpu-turns 200
 *   npm run bench:load -- --only cpu --d1 local  # the SQL counted in the measured process
 *   npm run bench:load -- --only cpu --sql       # also lists the statements of one turn per class
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { describeLoad, pct, runLoad, seedLoadShop, type Send, type TurnRecord } from './load-plan';
import { watchRss, workerdUnder } from './proc';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../scripts/stack.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const CONVERSATIONS = Number(arg('conversations', '200'));
const TURNS = Number(arg('turns', '3'));
const ONLY = arg('only', 'both');
const BASE = 'http://aisle.load';
const WRANGLER = path.join(repoRoot, 'node_modules/wrangler/bin/wrangler.js');
const TRIVIAL_PORT = Number(arg('trivial-port', '8814'));

let turnsSeen: TurnRecord[] = [];

async function throughWranglerDev() {
  const dir = mkdtempSync(path.join(tmpdir(), 'aisle-bench-load-'));
  const devVarsFile = path.join(dir, '.dev.vars');
  writeFileSync(devVarsFile, '');
  let stack: { url: string; child: { pid: number }; secrets: Record<string, string>; stop(): Promise<void>; log(): string } | null = null;
  try {
    console.log('Starting wrangler dev (local D1 in a temp folder)...');
    stack = await startStack({ persistTo: path.join(dir, 'state'), devVarsFile, quiet: !process.argv.includes('--verbose'), seed: false });
    const before = workerdUnder(stack!.child.pid);
    const { url, secrets } = stack!;
    // The same Request the workerd half builds, sent to the dev server on 127.0.0.1.
    const send: Send = async (req) =>
      fetch(req.url.replace(BASE, url), { method: req.method, headers: req.headers, body: req.method === 'GET' ? undefined : await req.text(), signal: req.signal });
    const shop = await seedLoadShop(send, secrets.AISLE_OPERATOR_KEY, 'load-shop');
    const rss = watchRss(() => workerdUnder(stack!.child.pid));
    const result = await runLoad(send, shop, { conversations: CONVERSATIONS, turns: TURNS });
    turnsSeen = result.turns;
    const mem = rss.stop();
    const after = workerdUnder(stack!.child.pid);
    if (after.join() !== before.join()) console.log(`    workerd processes changed during the run: ${before.join(', ')} -> ${after.join(', ')}`);
    const mb = (kb: number) => (kb / 1024).toFixed(0);
    console.log('\n' + describeLoad('(d) Through wrangler dev (its proxy worker in front of the app)', result, [`    workerd process RSS MB: before ${mb(mem.firstKb)}, peak ${mb(mem.peakKb)}, after ${mb(mem.lastKb)}`]));
    // What wrangler itself logged about the failures (its log keeps the last 20 kB).
    const logged = new Map<string, number>();
    for (const line of stack!.log().split('\n')) {
      if (!/error|exceeded|restart/i.test(line)) continue;
      const key = line.replace(/\x1b\[[0-9;]*m/g, '').replace(/[0-9a-f-]{36}/g, '<uuid>').replace(/\d+/g, 'N').trim().slice(0, 160);
      logged.set(key, (logged.get(key) ?? 0) + 1);
    }
    for (const [line, n] of [...logged].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    wrangler logged ${n} x: ${line}`);
  } finally {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The control: bench/trivial-worker (no app, no D1; it waits and streams) under `wrangler dev`,
 * configured like the app, sent the same conversations at once with each turn's latency as the
 * app had it in (d). Errors here are the dev proxy's.
 */
async function throughTrivialWorker(turns: TurnRecord[]) {
  console.log(`\nStarting the control worker (bench/trivial-worker) under wrangler dev on 127.0.0.1:${TRIVIAL_PORT}...`);
  const dir = mkdtempSync(path.join(tmpdir(), 'aisle-bench-trivial-'));
  const child = spawn(process.execPath, [WRANGLER, 'dev', '-c', path.join(repoRoot, 'bench/trivial-worker/wrangler.jsonc'), '--ip', '127.0.0.1', '--port', String(TRIVIAL_PORT), '--inspector-port', '0', '--persist-to', dir, '--show-interactive-dev-session=false', '--log-level', 'warn'], {
    cwd: repoRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-20_000)));
  const url = `http://127.0.0.1:${TRIVIAL_PORT}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the control worker exited (${child.exitCode}):\n${log}`);
      if (await fetch(url).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`the control worker did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const ok = turns.filter((t) => !t.error);
    const byConv = new Map<number, TurnRecord[]>();
    for (const t of turns) byConv.set(t.conversation, [...(byConv.get(t.conversation) ?? []), t]);
    const started = performance.now();
    const results = (
      await Promise.all(
        [...byConv.values()].map(async (convTurns) => {
          const out: { position: number; error: string | null; ms: number }[] = [];
          for (const t of convTurns) {
            // A turn that failed in (d) gets the median latency of its position.
            const like = t.error ? ok.filter((o) => o.position === t.position) : [t];
            const headersMs = pct(like.map((o) => o.headersMs), 50) || 0;
            const streamMs = Math.max(0, (pct(like.map((o) => o.totalMs), 50) || 0) - headersMs);
            const t0 = performance.now();
            let error: string | null = null;
            try {
              const res = await fetch(`${url}/v1/shops/load-shop/chat`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'cf-connecting-ip': `10.0.${t.conversation >> 8}.${t.conversation & 255}` },
                body: JSON.stringify({ headersMs, streamMs, conversationId: crypto.randomUUID(), message: { text: t.text } }),
                signal: AbortSignal.timeout(180_000),
              });
              const text = await res.text();
              if (!res.ok) error = `HTTP ${res.status}: ${text.slice(0, 60)}`;
              else if (!text.includes('"finish"')) error = 'stream ended without finish';
            } catch (err) {
              error = `client: ${(err as Error).message}`.slice(0, 80);
            }
            out.push({ position: t.position, error, ms: performance.now() - t0 });
          }
          return out;
        }),
      )
    ).flat();
    const failed = results.filter((r) => r.error);
    const kinds = new Map<string, number>();
    for (const r of failed) kinds.set(r.error!, (kinds.get(r.error!) ?? 0) + 1);
    const positions = [...new Set(results.map((r) => r.position))].map((p) => `${p + 1}: ${results.filter((r) => r.position === p && !r.error).length}/${results.filter((r) => r.position === p).length}`);
    console.log(`(c) Control worker through wrangler dev, same ${byConv.size} conversations and latencies: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`    answered ${results.length - failed.length}/${results.length} (by position ${positions.join(', ')}); errors ${failed.length}`);
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log(`      ${n} x ${k}`);
    const ms = results.filter((r) => !r.error).map((r) => r.ms);
    if (ms.length) console.log(`    latency ms, whole turn: p50 ${pct(ms, 50).toFixed(0)}, p99 ${pct(ms, 99).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}`);
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

function insideWorkerd(file: string, tag: string) {
  console.log(`\nStarting ${file} inside workerd (Miniflare through vitest-pool-workers)...`);
  const run = spawnSync(path.join(repoRoot, 'node_modules/.bin/vitest'), ['run', '--config', 'bench/workerd/vitest.config.ts', '--reporter', 'dot', file], {
    cwd: repoRoot,
    env: { ...process.env, BENCH_CONVERSATIONS: String(CONVERSATIONS), BENCH_TURNS: String(TURNS), BENCH_CPU_TURNS: arg('cpu-turns', '500'), BENCH_D1: file.includes('cpu') ? arg('d1', 'remote') : 'local', BENCH_SQL: process.argv.includes('--sql') ? '1' : '', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    encoding: 'utf8',
    timeout: 900_000,
  });
  const lines = `${run.stdout}`.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
  const from = lines.findIndex((l) => l.startsWith(tag));
  const report = from < 0 ? [] : lines.slice(from, lines.findIndex((l, i) => i > from && !l.startsWith('    ')));
  if (report.length) console.log(report.join('\n'));
  if (run.status !== 0 || report.length === 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`the workerd half failed (exit ${run.status})`);
  }
}

async function main() {
  if (ONLY === 'both' || ONLY === 'dev') {
    await throughWranglerDev();
    if (turnsSeen.some((t) => t.error) || process.argv.includes('--control')) await throughTrivialWorker(turnsSeen);
  }
  if (ONLY === 'both' || ONLY === 'workerd') insideWorkerd('bench/workerd/load.bench.ts', '(w)');
  if (ONLY === 'both' || ONLY === 'cpu') insideWorkerd('bench/workerd/cpu.bench.ts', '(p)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
