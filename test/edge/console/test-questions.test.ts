import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestRun } from '../../../shared/console';
import { createModelEngine } from '../../../edge/src/engines/model';
import { rollupShop } from '../../../edge/src/metrics/rollup';
import { api, json, seedDemoShop, type TestShop, useEngine } from '../helpers';
import { scriptedModel } from '../assistant/mock-model';

afterEach(() => useEngine(null));

const auth = (shop: TestShop) => ({ authorization: `Bearer ${shop.adminKey}` });
const add = async (shop: TestShop, body: unknown) => api(`/v1/shops/${shop.shopId}/test-questions`, json(body, auth(shop)));
const run = async (shop: TestShop) => {
  const res = await api(`/v1/shops/${shop.shopId}/test-questions/run`, json({}, auth(shop)));
  expect(res.status).toBe(200);
  return ((await res.json()) as { run: TestRun }).run;
};

/** Every row a real chat turn would leave behind, counted per table. */
async function footprint(shopId: string) {
  const count = async (sql: string) => Number(await env.DB.prepare(sql).bind(shopId).first('n'));
  return {
    conversations: await count('SELECT COUNT(*) AS n FROM conversations WHERE shop_id = ?'),
    messages: await count('SELECT COUNT(*) AS n FROM messages WHERE shop_id = ?'),
    tickets: await count('SELECT COUNT(*) AS n FROM tickets WHERE shop_id = ?'),
    outbox: await count('SELECT COUNT(*) AS n FROM outbox_events WHERE shop_id = ?'),
    deliveries: await count('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE shop_id = ?'),
    mail: await count('SELECT COUNT(*) AS n FROM mail_outbox WHERE shop_id = ?'),
    turnAudits: await count("SELECT COUNT(*) AS n FROM audit_events WHERE shop_id = ? AND kind != 'admin'"),
    usageMessages: await count('SELECT COALESCE(SUM(messages), 0) AS n FROM usage_daily WHERE shop_id = ?'),
  };
}

describe('test questions', () => {
  it('runs the real pipeline in dry-run: passes and failures, nothing filed, sent or counted, kept as history', async () => {
    const shop = await seedDemoShop();
    const cases = [
      { question: 'Do you have the Stormline jacket in blue, size M?', expect: { products: ['nw-stormline-jacket'] } },
      { question: 'Please cancel my order, I changed my mind', expect: { handoff: 'cancellation' } },
      // Written wrong on purpose: a refund always goes to a person.
      { question: 'I want a refund for my Ridge 30 backpack', expect: { noHandoff: true } },
      { question: 'Where is my order?', as: 'cus_1001', expect: { noHandoff: true } },
      { question: 'Do you sell electric kayaks?', expect: { products: ['nw-stormline-jacket'] } },
    ];
    for (const c of cases) expect((await add(shop, c)).status).toBe(201);
    const before = await footprint(shop.shopId);

    const first = await run(shop);
    expect(first.results.map((r) => r.pass)).toEqual([true, true, false, true, false]);
    expect(first).toMatchObject({ passed: 3, failed: 2, engine: 'offline' });
    expect(first.results[2].reasons[0]).toMatch(/expected no handoff; handed off as refund/);
    expect(first.results[4].reasons[0]).toMatch(/expected product nw-stormline-jacket/);
    // Asked as the customer: their own order, found through a server-signed token.
    expect(first.results[3].reply).toMatch(/NW-10231|NW-10118|NW-10187/);

    // No ticket, outbox event, webhook, mail, message, turn audit or usage; so no metric either.
    expect(await footprint(shop.shopId)).toEqual(before);
    await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date());
    const turns = await env.DB.prepare("SELECT COALESCE(SUM(value), 0) AS n FROM metric_rollups WHERE shop_id = ? AND metric IN ('turns', 'handoffs')").bind(shop.shopId).first('n');
    expect(turns).toBe(0);
    // The case run as a customer is audited, with who it ran as.
    const audits = await env.DB.prepare("SELECT customer_id, data FROM audit_events WHERE shop_id = ? AND kind = 'admin' AND data LIKE '%test_question%'").bind(shop.shopId).all<{ customer_id: string; data: string }>();
    expect(audits.results.map((a) => a.customer_id)).toEqual(['cus_1001']);
    expect(JSON.parse(audits.results[0].data)).toMatchObject({ runId: first.id, caseId: first.results[3].caseId });

    const second = await run(shop);
    const history = (await (await api(`/v1/shops/${shop.shopId}/test-runs`, { headers: auth(shop) })).json()) as { runs: TestRun[] };
    expect(history.runs.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(history.runs[1].results[2].reasons).toEqual(first.results[2].reasons);
  }, 60_000);

  it('counts the tokens of a model run against the daily budget', async () => {
    const shop = await seedDemoShop();
    await add(shop, { question: 'What is your best jacket?', expect: { noHandoff: true } });
    await add(shop, { question: 'Can you refund me?', expect: { handoff: 'refund' } });
    const m = scriptedModel([{ text: 'Good news! I have refunded your order in full.' }]);
    useEngine(() => ({ primary: createModelEngine(() => m.model), name: 'model' }));
    const result = await run(shop);
    expect(result.tokens).toBeGreaterThan(0);
    const used = await env.DB.prepare('SELECT COALESCE(SUM(tokens), 0) AS n FROM usage_daily WHERE shop_id = ?').bind(shop.shopId).first('n');
    expect(used).toBe(result.tokens);
    // The model's promise is blocked and handed off even in a test: the first case fails honestly.
    expect(result.results[0].pass).toBe(false);
    expect(result.results[0].reply).not.toMatch(/refunded your order/i);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM tickets WHERE shop_id = ?').bind(shop.shopId).first('n')).toBe(0);
    // Once the budget is spent, a run is refused before it starts.
    const patch = await api(`/v1/shops/${shop.shopId}`, { ...json({ settings: { budgets: { tokensPerDay: result.tokens } } }, auth(shop)), method: 'PATCH' });
    expect(patch.status).toBe(200);
    const refused = await api(`/v1/shops/${shop.shopId}/test-questions/run`, json({}, auth(shop)));
    expect(refused.status).toBe(429);
  }, 60_000);

  it('refuses a malformed case with the zod issues and writes nothing; needs the admin key', async () => {
    const shop = await seedDemoShop();
    const bad = await add(shop, { question: 'Hi', expect: { handoff: 'teleport' } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; issues: unknown[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect((await add(shop, { question: '', expect: { noHandoff: true } })).status).toBe(400);
    const list = (await (await api(`/v1/shops/${shop.shopId}/test-questions`, { headers: auth(shop) })).json()) as { questions: unknown[] };
    expect(list.questions).toEqual([]);
    expect((await api(`/v1/shops/${shop.shopId}/test-questions/run`, json({}, { authorization: `Bearer ${shop.agentKey}` }))).status).toBe(401);
  });
});
