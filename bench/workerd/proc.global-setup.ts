import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
// miniflare comes with wrangler (the version wrangler and vitest-pool-workers run); no new package.
import { Miniflare } from 'miniflare';
import type { TestProject } from 'vitest/node';
import { sample, watchRss, workerdUnder } from '../proc';
import { REMOTE_D1_SERVER } from './remote-d1';

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
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/sample') return send({ ...sample(workerd()), pids: workerd(), ...(d1Pids.length ? { d1: sample(d1Pids) } : {}) });
    if (req.url === '/watch' && req.method === 'POST') return (watch = watchRss(workerd)), send({ ok: true });
    if (req.url === '/watch' && req.method === 'DELETE') return send(watch?.stop() ?? null);
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
