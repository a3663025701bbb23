import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { sample, watchRss, workerdUnder } from '../proc';

/**
 * Lets a benchmark running inside workerd read its own process from /proc, through a server on
 * 127.0.0.1 in the vitest process (which started workerd):
 *
 *   GET    /sample   { ticks, cpuNs, rssKb } of the workerd processes, now
 *   POST   /watch    starts sampling RSS every 100 ms
 *   DELETE /watch    stops, answers { firstKb, peakKb, lastKb }
 */
declare module 'vitest' {
  export interface ProvidedContext {
    procUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let pids: number[] = [];
  const workerd = () => (pids.length ? pids : (pids = workerdUnder(process.pid)));
  let watch: ReturnType<typeof watchRss> | null = null;
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/sample') return send({ ...sample(workerd()), pids: workerd() });
    if (req.url === '/watch' && req.method === 'POST') return (watch = watchRss(workerd)), send({ ok: true });
    if (req.url === '/watch' && req.method === 'DELETE') return send(watch?.stop() ?? null);
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('procUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
