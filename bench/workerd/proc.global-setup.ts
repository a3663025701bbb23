import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
// miniflare comes with wrangler (the version wrangler and vitest-pool-workers run); no new package.
import { Miniflare } from 'miniflare';
import type { TestProject } from 'vitest/node';
import { sample, watchRss, workerdUnder } from '../proc';
import { REMOTE_D1_SERVER } from './remote-d1';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import WebSocket from 'ws';

/**
 * Lets a benchmark running inside workerd read its own process from /proc, through a server on
 * 127.0.0.1 in the vitest process (which started workerd):
 *
 *   GET    /sample   { ticks, cpuNs, rssKb } of the benchmark's workerd process, now, and the same
 *                    figures of the remote D1's process under `d1` (when BENCH_D1=remote)
 *   POST   /watch    starts sampling RSS every 100 ms
 *   DELETE /watch    stops, answers { firstKb, peakKb, lastKb }
 *
 * With BENCH_D1=remote it first starts a second Miniflare instance, its own workerd process,
 * holding a D1 database with the migrations applied, and provides its URL as `remoteD1Url`
 * (see remote-d1.ts for why). That process is started before the pool's workerd, so its pids
 * are known and kept out of the benchmark's own figures.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    procUrl: string;
    remoteD1Url: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject) {
  let remote: Miniflare | null = null;
  let d1Pids: number[] = [];
  project.provide('remoteD1Url', '');
  if (process.env.BENCH_D1 === 'remote') {
    const before = new Set(workerdUnder(process.pid));
    remote = new Miniflare({ modules: true, script: REMOTE_D1_SERVER, compatibilityDate: '2026-04-20', d1Databases: { DB: 'bench-remote-d1' }, host: '127.0.0.1', port: Number(process.env.BENCH_D1_PORT ?? 8861) });
    const url = await remote.ready;
    d1Pids = workerdUnder(process.pid).filter((p) => !before.has(p));
    const db = await remote.getD1Database('DB');
    for (const m of await readD1Migrations(path.join(root, 'edge/migrations'))) await db.batch(m.queries.map((q) => db.prepare(q)));
    project.provide('remoteD1Url', url.href);
  }
  let pids: number[] = [];
  const workerd = () => (pids.length ? pids : (pids = workerdUnder(process.pid).filter((p) => !d1Pids.includes(p))));
  let watch: ReturnType<typeof watchRss> | null = null;
  // BENCH_PROFILE=<inspector port> (vitest --inspect=127.0.0.1:<port>): /profile/start and
  // /profile/<name> take a V8 CPU profile of the benchmark's isolate through the inspector and
  // print the functions with the most self time (the .cpuprofile goes to the temp folder).
  let cdp: { call(method: string, params?: object): Promise<Record<string, unknown>> } | null = null;
  // BENCH_HEAP=1 (with BENCH_PROFILE): /heap collects garbage in the isolate and answers V8's
  // heap in use, to tell retained JavaScript objects from other growth of the process's RSS; the
  // CPU profiles are skipped then.
  const heap = async () => {
    if (!process.env.BENCH_PROFILE || !process.env.BENCH_HEAP) return { skipped: true };
    if (!cdp) cdp = await connectInspector(Number(process.env.BENCH_PROFILE));
    await cdp.call('HeapProfiler.enable');
    await cdp.call('HeapProfiler.collectGarbage');
    return cdp.call('Runtime.getHeapUsage');
  };
  const profile = async (what: string) => {
    if (!process.env.BENCH_PROFILE || process.env.BENCH_HEAP) return { skipped: true };
    if (!cdp) cdp = await connectInspector(Number(process.env.BENCH_PROFILE));
    if (what === 'start') {
      await cdp.call('Profiler.enable');
      await cdp.call('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.call('Profiler.start');
      return { ok: true };
    }
    const { profile: p } = (await cdp.call('Profiler.stop')) as { profile: CpuProfile };
    const file = path.join(tmpdir(), `aisle-bench-${what}.cpuprofile`);
    writeFileSync(file, JSON.stringify(p));
    console.log(`\nprofile ${what} (${file}):\n${topSelf(p, 30)}`);
    return { ok: true, file };
  };
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/sample') return send({ ...sample(workerd()), pids: workerd(), ...(d1Pids.length ? { d1: sample(d1Pids) } : {}) });
    if (req.url === '/watch' && req.method === 'POST') return (watch = watchRss(workerd)), send({ ok: true });
    if (req.url === '/watch' && req.method === 'DELETE') return send(watch?.stop() ?? null);
    if (req.url === '/heap') return void heap().then(send, (err) => send({ error: String(err) }));
    if (req.url?.startsWith('/profile/')) return void profile(req.url.slice('/profile/'.length)).then(send, (err) => send({ error: String(err) }));
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('procUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await remote?.dispose();
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

async function connectInspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string; title: string }[];
  // The test runner's isolate (the one running the benchmark and the app).
  const target = targets.find((t) => t.title.includes('vitest')) ?? targets[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl.replace('localhost', '127.0.0.1'));
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let next = 1;
  const waiting = new Map<number, (r: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown> };
    if (msg.id && waiting.has(msg.id)) waiting.get(msg.id)!(msg.result ?? {}), waiting.delete(msg.id);
  });
  return {
    call: (method: string, params: object = {}) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
        // An inspector that does not answer must not hang the benchmark.
        setTimeout(() => waiting.delete(id) && resolve({ error: `${method}: no answer in 30 s` }), 30_000).unref();
      }),
  };
}

/** Self time by function (and by file), in ms, most first. */
function topSelf(p: CpuProfile, n: number) {
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const where = f.url.replace(/^.*\/(edge|shared|node_modules|bench)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const fileKey = f.url ? where.replace(/\?.*$/, '') : f.functionName;
    file.set(fileKey, (file.get(fileKey) ?? 0) + us);
    total += us;
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, us]) => `  ${(us / 1000).toFixed(1).padStart(8)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  return [`  total ${(total / 1000).toFixed(0)} ms; by function:`, ...top(fn, n), '  by file:', ...top(file, 20)].join('\n');
}
