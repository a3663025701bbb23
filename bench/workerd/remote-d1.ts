/**
 * A D1 binding whose database lives in another workerd process, for the CPU part of
 * `npm run bench:load` (cpu.bench.ts).
 *
 * Why: the local D1 is a SQLite-backed Durable Object inside the same workerd process as the
 * Worker, so the process's CPU counts every statement's SQL, which on Cloudflare runs on D1's
 * own machines and is not the Worker's CPU. Here the database is held by a second Miniflare
 * instance (its own workerd process, started by proc.global-setup.ts) and every call is sent to
 * it over HTTP on 127.0.0.1: the measured process then pays what a Worker pays on Cloudflare,
 * its own JavaScript plus building, sending and parsing each query, and the SQL is elsewhere.
 * (workerd's own D1 binding is the same shape: JavaScript in the Worker that posts the SQL and
 * its parameters as JSON to the D1 service and parses the JSON answer.)
 *
 * What it speaks: POST { op, statements: [{ sql, params }], column?, columnNames? } and the
 * answer { result } or { error } (the D1 error's message, thrown here as an Error with the same
 * message, so the app's error handling sees what it would see from D1).
 */

interface Wire {
  sql: string;
  params: unknown[];
}

type Op = 'first' | 'all' | 'run' | 'raw' | 'batch' | 'exec' | 'ping';

class RemoteStatement {
  constructor(
    private readonly db: RemoteD1,
    readonly sql: string,
    readonly params: unknown[] = [],
  ) {}
  bind(...values: unknown[]) {
    return new RemoteStatement(this.db, this.sql, values);
  }
  first(column?: string) {
    return this.db.send('first', [this.wire()], { column });
  }
  all() {
    return this.db.send('all', [this.wire()]);
  }
  run() {
    return this.db.send('run', [this.wire()]);
  }
  raw(options?: { columnNames?: boolean }) {
    return this.db.send('raw', [this.wire()], { columnNames: options?.columnNames === true });
  }
  wire(): Wire {
    return { sql: this.sql, params: this.params };
  }
}

class RemoteD1 {
  constructor(private readonly url: string) {}
  prepare(sql: string) {
    return new RemoteStatement(this, sql);
  }
  batch(statements: RemoteStatement[]) {
    return this.send('batch', statements.map((s) => s.wire()));
  }
  exec(sql: string) {
    return this.send('exec', [{ sql, params: [] }]);
  }
  /** One round trip that runs no SQL: what talking to D1 costs by itself. */
  ping() {
    return this.send('ping', []);
  }
  withSession() {
    return this;
  }
  dump(): Promise<ArrayBuffer> {
    throw new Error('dump() is not supported by the bench remote D1');
  }
  async send(op: Op, statements: Wire[], extra: { column?: string; columnNames?: boolean } = {}) {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ op, statements, ...extra }) });
    const body = (await res.json()) as { result?: unknown; error?: string };
    if (body.error !== undefined) throw new Error(body.error);
    return body.result as never;
  }
}

export function remoteD1(url: string): D1Database & { ping(): Promise<null> } {
  return new RemoteD1(url) as unknown as D1Database & { ping(): Promise<null> };
}

/** The Worker run by the second Miniflare instance: it holds the database and runs what it is sent. */
export const REMOTE_D1_SERVER = `
export default {
  async fetch(request, env) {
    const { op, statements, column, columnNames } = await request.json();
    if (op === 'ping') return Response.json({ result: null });
    const prepare = (s) => env.DB.prepare(s.sql).bind(...s.params);
    try {
      let result;
      if (op === 'batch') result = await env.DB.batch(statements.map(prepare));
      else if (op === 'exec') result = await env.DB.exec(statements[0].sql);
      else if (op === 'first') result = column === undefined || column === null ? await prepare(statements[0]).first() : await prepare(statements[0]).first(column);
      else if (op === 'raw') result = await prepare(statements[0]).raw({ columnNames: columnNames === true });
      else if (op === 'all' || op === 'run') result = await prepare(statements[0])[op]();
      else return Response.json({ error: 'unknown op ' + op });
      return Response.json({ result: result ?? null });
    } catch (err) {
      return Response.json({ error: String(err && err.message ? err.message : err) });
    }
  },
};
`;
