import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../../edge/src/index';
import { BASE, readStream, textOf, type StreamPart } from '../helpers';

/**
 * Fault injection for the fault runs, in the test harness only: the Worker's own fetch is called
 * with an env whose bindings wrap the real ones. Nothing in the Worker can switch a fault on.
 */

/** A D1 binding that fails every statement `fails` picks (a batch fails whole, as D1's does). */
export function faultyD1(db: D1Database, fails: (sql: string, values: unknown[]) => boolean): D1Database {
  const error = (sql: string) => new Error(`D1_ERROR: injected failure: ${sql.slice(0, 60)}`);
  class Statement {
    constructor(
      readonly real: D1PreparedStatement,
      readonly sql: string,
      readonly values: unknown[] = [],
    ) {}
    bind(...values: unknown[]) {
      return new Statement(this.real.bind(...values), this.sql, values);
    }
    private check() {
      if (fails(this.sql, this.values)) throw error(this.sql);
    }
    async first(column?: string) {
      this.check();
      return column === undefined ? this.real.first() : this.real.first(column);
    }
    async all() {
      this.check();
      return this.real.all();
    }
    async run() {
      this.check();
      return this.real.run();
    }
    async raw() {
      this.check();
      return this.real.raw();
    }
  }
  return {
    prepare: (sql: string) => new Statement(db.prepare(sql), sql),
    batch: async (statements: Statement[]) => {
      const bad = statements.find((s) => fails(s.sql, s.values));
      if (bad) throw error(bad.sql);
      return db.batch(statements.map((s) => s.real));
    },
    exec: (sql: string) => db.exec(sql),
    dump: () => db.dump(),
  } as unknown as D1Database;
}

/** One chat turn through the Worker's fetch with `overrides` in its env; reads the whole stream. */
export async function chatWith(overrides: Partial<Env>, shopId: string, conversationId: string, text: string, token?: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch!(
    new Request(`${BASE}/v1/shops/${shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ conversationId, message: { text } }),
    }) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...overrides } as Env,
    ctx,
  );
  const parts: StreamPart[] = res.ok ? await readStream(res) : [];
  await waitOnExecutionContext(ctx);
  return { res, parts, text: textOf(parts) };
}
