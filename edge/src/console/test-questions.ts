import type { Identity } from '../../../shared/identity';
import type { TestCaseResult, TestExpectation, TestQuestion, TestQuestionInput, TestRun } from '../../../shared/console';
import { auditStatement } from '../audit/log';
import { runTurn, type TurnDeps } from '../chat/pipeline';
import { verifyCustomerToken } from '../identity/verify';
import { chargeTokens } from '../limits/budget';
import { ApiError } from '../lib/errors';
import { newId, nowIso } from '../lib/ids';
import { pickLocale } from '../routes/chat';
import { issueCustomerToken } from '../routes/orders';
import { identitySecrets, type ShopRecord } from '../shops/store';

/** Cases per shop, and so per run: each runs the whole pipeline, one after the other. */
export const MAX_TEST_QUESTIONS = 50;
const CASE_TIMEOUT_MS = 30_000;
/** The day usage_daily counts in (edge/src/limits/budget.ts). */
const utcDay = () => new Date().toISOString().slice(0, 10);

interface Row {
  id: string;
  question: string;
  as_who: string;
  expect: string;
  created_at: string;
}
const toQuestion = (r: Row): TestQuestion => ({ id: r.id, question: r.question, as: r.as_who, expect: JSON.parse(r.expect), createdAt: r.created_at });

export async function listTestQuestions(db: D1Database, shopId: string): Promise<TestQuestion[]> {
  const { results } = await db.prepare('SELECT * FROM test_questions WHERE shop_id = ? ORDER BY created_at, rowid').bind(shopId).all<Row>();
  return results.map(toQuestion);
}

export async function addTestQuestion(db: D1Database, shopId: string, input: TestQuestionInput): Promise<TestQuestion | null> {
  const id = newId('tq');
  const at = nowIso();
  // The count check and the insert are one statement: two concurrent adds cannot pass the cap.
  const res = await db
    .prepare(
      `INSERT INTO test_questions (id, shop_id, question, as_who, expect, created_at, updated_at)
       SELECT ?, ?, ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM test_questions WHERE shop_id = ?) < ?`,
    )
    .bind(id, shopId, input.question, input.as, JSON.stringify(input.expect), at, at, shopId, MAX_TEST_QUESTIONS)
    .run();
  if (!res.meta.changes) return null;
  return { id, question: input.question, as: input.as, expect: input.expect, createdAt: at };
}

export async function deleteTestQuestion(db: D1Database, shopId: string, id: string): Promise<boolean> {
  return ((await db.prepare('DELETE FROM test_questions WHERE shop_id = ? AND id = ?').bind(shopId, id).run()).meta.changes ?? 0) > 0;
}

export async function listTestRuns(db: D1Database, shopId: string, limit = 20): Promise<TestRun[]> {
  const { results } = await db
    .prepare('SELECT * FROM test_runs WHERE shop_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
    .bind(shopId, limit)
    .all<{ id: string; engine: string; passed: number; failed: number; tokens: number; results: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, engine: r.engine, passed: r.passed, failed: r.failed, tokens: r.tokens, results: JSON.parse(r.results), createdAt: r.created_at }));
}

// --- Dry run: the real pipeline, with every write swallowed. ---

const WRITE_SQL = /\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i;

interface Swallowed {
  sql: string;
  args: unknown[];
}

/** A statement that writes: recorded when it would have run, never sent to D1. */
class SwallowedStatement {
  constructor(
    readonly sql: string,
    readonly log: Swallowed[],
    readonly args: unknown[] = [],
  ) {}
  bind(...args: unknown[]) {
    return new SwallowedStatement(this.sql, this.log, args);
  }
  result() {
    this.log.push({ sql: this.sql, args: this.args });
    return { success: true, results: [], meta: { changes: 0, rows_written: 0 } };
  }
  async run() {
    return this.result();
  }
  async all() {
    return this.result();
  }
  async first() {
    this.result();
    return null;
  }
  async raw() {
    this.result();
    return [];
  }
}

/**
 * The database as a test question sees it: reads go to D1 (catalog, policies, orders), every
 * write (message, ticket, outbox, audit, usage) is recorded instead. Whatever path the pipeline
 * takes, a test question cannot leave a row behind, so nothing downstream (webhooks, mail,
 * metrics, knowledge gaps) can see it.
 */
function readOnlyDb(db: D1Database, log: Swallowed[]): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => (WRITE_SQL.test(sql) ? new SwallowedStatement(sql, log) : target.prepare(sql));
      if (prop === 'batch')
        return async (statements: unknown[]) => {
          const out = [];
          for (const s of statements) out.push(s instanceof SwallowedStatement ? s.result() : await (s as D1PreparedStatement).all());
          return out;
        };
      if (prop === 'exec') return async () => ({ count: 0, duration: 0 });
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as D1Database;
}

/** `as: <customer id>`: the Worker signs a token with the shop's identity key and verifies it, as for a real shopper. */
async function identityFor(env: Env, shop: ShopRecord, as: string): Promise<Identity> {
  if (as === 'guest') return { level: 'guest' };
  const { token } = await issueCustomerToken(env, shop, { customerId: as, ttlSeconds: 60 });
  return verifyCustomerToken(token, { shopId: shop.id, secrets: await identitySecrets(env.AISLE_SECRET_KEY, shop), maxLifetimeSeconds: shop.settings.maxTokenLifetimeSeconds });
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Why a reply does not meet the expectation; empty when it does. */
export function judge(expect: TestExpectation, got: { reply: string; productIds: string[]; handoff: string[] | null }): string[] {
  if ('products' in expect) {
    const missing = expect.products.filter((id) => !got.productIds.includes(id));
    return missing.length ? [`expected product ${missing.join(', ')}; shown: ${got.productIds.join(', ') || 'none'}`] : [];
  }
  if ('policyQuoteContains' in expect) {
    return norm(got.reply).includes(norm(expect.policyQuoteContains)) ? [] : [`the reply does not contain "${expect.policyQuoteContains}"`];
  }
  if ('handoff' in expect) {
    if (!got.handoff) return [`expected a handoff (${expect.handoff}); the assistant answered itself`];
    return got.handoff.includes(expect.handoff) ? [] : [`expected a handoff as ${expect.handoff}; handed off as ${got.handoff.join(', ')}`];
  }
  return got.handoff ? [`expected no handoff; handed off as ${got.handoff.join(', ')}`] : [];
}

async function runCase(env: Env, shop: ShopRecord, q: TestQuestion, publicOrigin: string, deps: TurnDeps): Promise<TestCaseResult> {
  const log: Swallowed[] = [];
  const dryRun = { handoffs: [] as string[][] };
  const dryEnv = { ...env, DB: readOnlyDb(env.DB, log), TICKET_EVENTS: { send: async () => {}, sendBatch: async () => {} } } as unknown as Env;
  const res = await runTurn({
    env: dryEnv,
    shop,
    identity: await identityFor(env, shop, q.as),
    conversationId: crypto.randomUUID(),
    text: q.question,
    locale: pickLocale(undefined, shop.settings.widget.locale),
    signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
    publicOrigin,
    waitUntil: () => {},
    dryRun,
  }, deps);
  // Reading the stream to its end runs the whole turn, its (swallowed) audit write included.
  await res.text();
  const audit = log.find((w) => /INSERT INTO audit_events/i.test(w.sql) && w.args[4] === 'turn');
  const data = audit ? (JSON.parse(String(audit.args[6])) as Record<string, any>) : {};
  const handoffs = [...new Set(dryRun.handoffs.flat())];
  const got = { reply: String(data.sent ?? ''), productIds: (data.productIds as string[]) ?? [], handoff: handoffs.length ? handoffs : null };
  const reasons = audit ? judge(q.expect, got) : ['the turn did not finish'];
  return {
    caseId: q.id,
    question: q.question,
    as: q.as,
    expect: q.expect,
    pass: reasons.length === 0,
    reasons,
    reply: got.reply.slice(0, 2000),
    productIds: got.productIds,
    handoff: got.handoff,
    engine: String(data.engine ?? 'offline'),
    tokens: Number(data.usage?.totalTokens ?? 0),
  };
}

/**
 * Runs every test question of the shop through the real pipeline in dry-run, one after the
 * other. Flood control does not apply (no chat request), but the tokens count against the
 * shop's daily budget. A case asked as a customer is audited. The run is kept as history.
 */
export async function runTestQuestions(env: Env, shop: ShopRecord, publicOrigin: string, deps: TurnDeps): Promise<TestRun> {
  const budget = shop.settings.budgets.tokensPerDay;
  if (budget !== undefined) {
    const used = Number((await env.DB.prepare('SELECT tokens FROM usage_daily WHERE shop_id = ? AND day = ?').bind(shop.id, utcDay()).first('tokens')) ?? 0);
    if (used >= budget) throw new ApiError('rate_limited', "The shop's daily token budget is used up; test questions count against it");
  }
  const questions = await listTestQuestions(env.DB, shop.id);
  const runId = newId('trun');
  const results: TestCaseResult[] = [];
  for (const q of questions) {
    try {
      results.push(await runCase(env, shop, q, publicOrigin, deps));
    } catch (err) {
      results.push({ caseId: q.id, question: q.question, as: q.as, expect: q.expect, pass: false, reasons: [`could not run: ${(err as Error).message}`], reply: '', productIds: [], handoff: null, engine: 'none', tokens: 0 });
    }
  }
  const tokens = results.reduce((n, r) => n + r.tokens, 0);
  const engines = [...new Set(results.map((r) => r.engine))];
  const run: TestRun = {
    id: runId,
    engine: engines.join(',') || 'none',
    passed: results.filter((r) => r.pass).length,
    failed: results.filter((r) => !r.pass).length,
    tokens,
    results,
    createdAt: nowIso(),
  };
  await env.DB.batch([
    env.DB.prepare('INSERT INTO test_runs (id, shop_id, engine, passed, failed, tokens, results, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').bind(
      run.id,
      shop.id,
      run.engine,
      run.passed,
      run.failed,
      run.tokens,
      JSON.stringify(run.results),
      run.createdAt,
    ),
    ...results
      .filter((r) => r.as !== 'guest')
      .map((r) => auditStatement(env.DB, { shopId: shop.id, customerId: r.as, kind: 'admin', data: { action: 'test_question_as_customer', runId, caseId: r.caseId } })),
    // The day's usage row may not exist yet (no chat today): create it, then charge.
    ...(tokens > 0
      ? [
          env.DB.prepare('INSERT OR IGNORE INTO usage_daily (shop_id, day, messages, tokens) VALUES (?, ?, 0, 0)').bind(shop.id, utcDay()),
          chargeTokens(env.DB, shop.id, tokens),
        ]
      : []),
  ]);
  return run;
}
