import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../../edge/src/index';
import { createModelEngine } from '../../../edge/src/engines/model';
import { rollupShop, localDay } from '../../../edge/src/metrics/rollup';
import { RETENTION_CRON, runRetention } from '../../../edge/src/retention';
import { api, chat, createShop, json, seedDemoShop, type TestShop, useEngine } from '../helpers';
import { scriptedModel } from '../assistant/mock-model';

afterEach(() => useEngine(null));

const DAY = 86_400_000;

async function dailyCron() {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ cron: RETENTION_CRON, scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const metrics = async (shop: TestShop, query = '') => {
  const res = await api(`/v1/shops/${shop.shopId}/metrics${query}`, { headers: { authorization: `Bearer ${shop.adminKey}` } });
  expect(res.status).toBe(200);
  return res;
};
const totals = async (shop: TestShop) => ((await (await metrics(shop, '?days=7')).json()) as { totals: Record<string, number> }).totals;

describe('daily metrics rollup', () => {
  it('counts a day of real chat turns once, however often the cron runs', async () => {
    const shop = await seedDemoShop();
    // Known outcomes, through the real chat API.
    for (const text of ['Do you have the Stormline jacket in blue, size M?', 'How heavy is the Sparrow 2 tent?', 'What is the Stormline jacket made of?']) {
      expect((await chat(shop.shopId, { text })).res.status).toBe(200);
    }
    for (const text of ['Do you ship to Switzerland?', 'What is your return policy?']) expect((await chat(shop.shopId, { text })).res.status).toBe(200);
    // Two gate handoffs, in one conversation the second turn finds the same ticket.
    const cancel = await chat(shop.shopId, { text: 'Please cancel my order, I changed my mind' });
    await chat(shop.shopId, { conversationId: cancel.conversationId, text: 'Cancel it now please, I really want it cancelled' });
    await chat(shop.shopId, { text: 'I want a refund for my Ridge 30 backpack' });
    // No product match: a fallback.
    await chat(shop.shopId, { text: 'Do you sell electric kayaks?' });
    // The model promises a refund: the guard blocks it and hands off, and the turn uses tokens.
    const m = scriptedModel([{ text: 'Good news! I have refunded your order in full. Anything else?' }]);
    useEngine(() => ({ primary: createModelEngine(() => m.model), name: 'model' }));
    const guarded = await chat(shop.shopId, { text: 'Can you check my jacket order?' });
    expect(guarded.text).not.toMatch(/refunded your order/i);
    useEngine(null);

    const log = vi.spyOn(console, 'log');
    await dailyCron();
    expect(log.mock.calls.map((c) => String(c[0])).some((l) => /metrics rollup: \d+ shops, \d+ rows written/.test(l))).toBe(true);
    log.mockRestore();

    const first = await totals(shop);
    expect(first).toMatchObject({
      turns: 10,
      conversations: 9,
      handoffs: 3,
      'handoff_source:gate': 2,
      'handoff_source:guard': 1,
      blocked_promises: 1,
      'engine:model': 1,
      'engine:offline': 9,
      tokens: 70,
      'fallback:no_product_match': 1,
    });
    expect(first.answered_without_person).toBe(first.turns - 4);
    expect(first['handoff_category:cancellation'] ?? 0).toBeGreaterThanOrEqual(1);

    // Twice more: the same numbers, and the second run writes no row at all.
    await dailyCron();
    const tz = 'UTC';
    const again = await rollupShop(env.DB, shop.shopId, tz, 180, new Date());
    expect(again.rowsWritten).toBe(0);
    expect(await totals(shop)).toEqual(first);

    // A late turn lands in its day on the next run.
    await chat(shop.shopId, { text: 'How heavy is the Sparrow 2 tent?' });
    const late = await rollupShop(env.DB, shop.shopId, tz, 180, new Date());
    expect(late.rowsWritten).toBeGreaterThan(0);
    expect((await totals(shop)).turns).toBe(11);
  }, 60_000);

  it("buckets turns by the shop's local day", async () => {
    const shop = await createShop(undefined, { settings: { support: { timeZone: 'Pacific/Auckland' } } });
    const now = new Date();
    // 11:30 UTC yesterday is already today in Auckland (UTC+12/13); 10:00 UTC two days ago is yesterday there.
    const at = (days: number, hour: number) => {
      const d = new Date(now.getTime() - days * DAY);
      d.setUTCHours(hour, 30, 0, 0);
      return d.toISOString();
    };
    const times = [at(1, 11), at(2, 10)];
    await env.DB.batch(
      times.map((t, i) =>
        env.DB.prepare("INSERT INTO audit_events (id, shop_id, conversation_id, turn_id, kind, data, created_at) VALUES (?, ?, ?, ?, 'turn', ?, ?)").bind(
          `aud_tz_${i}`,
          shop.shopId,
          `conv_tz_${i}`,
          `turn_tz_${i}`,
          JSON.stringify({ answerClass: 'product', engine: 'offline', blockedPromises: [] }),
          t,
        ),
      ),
    );
    await rollupShop(env.DB, shop.shopId, 'Pacific/Auckland', 180, now);
    const body = (await (await metrics(shop, '?days=7')).json()) as { timeZone: string; days: { day: string; metrics: Record<string, number> }[] };
    expect(body.timeZone).toBe('Pacific/Auckland');
    const withTurns = body.days.filter((d) => d.metrics.turns).map((d) => d.day);
    expect(withTurns).toEqual(times.map((t) => localDay(t, 'Pacific/Auckland')).sort());
    expect(withTurns).not.toEqual(times.map((t) => t.slice(0, 10)).sort());
  });

  it('retention deletes the raw rows and keeps the rollups; a later run does not zero the day', async () => {
    const shop = await createShop(undefined, { settings: { retentionDays: 2 } });
    const now = new Date();
    const threeDaysAgo = new Date(now.getTime() - 3 * DAY).toISOString();
    await env.DB.prepare("INSERT INTO audit_events (id, shop_id, conversation_id, turn_id, kind, data, created_at) VALUES ('aud_old', ?, 'conv_old', 'turn_old', 'turn', ?, ?)")
      .bind(shop.shopId, JSON.stringify({ answerClass: 'policy', engine: 'offline', blockedPromises: [] }), threeDaysAgo)
      .run();
    // The rollup ran while the row still existed (the day was within retention then).
    await rollupShop(env.DB, shop.shopId, 'UTC', 180, now);
    expect((await totals(shop)).turns).toBe(1);
    const [report] = (await runRetention(env, now)).filter((r) => r.shopId === shop.shopId);
    expect(report.auditRecords).toBe(1);
    await dailyCron();
    expect((await totals(shop)).turns).toBe(1);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM metric_rollups WHERE shop_id = ?').bind(shop.shopId).first('n')).toBeGreaterThan(0);
  });

  it('needs the admin key, rejects a bad period with a 400, and exports CSV', async () => {
    const shop = await createShop();
    expect((await api(`/v1/shops/${shop.shopId}/metrics`)).status).toBe(401);
    expect((await api(`/v1/shops/${shop.shopId}/metrics`, { headers: { authorization: `Bearer ${shop.agentKey}` } })).status).toBe(401);
    const bad = await api(`/v1/shops/${shop.shopId}/metrics?days=0`, { headers: { authorization: `Bearer ${shop.adminKey}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    await api(`/v1/shops/${shop.shopId}/metrics/rollup`, { ...json({}, { authorization: `Bearer ${shop.adminKey}` }) });
    const csv = await metrics(shop, '?days=3&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('day,metric,value');
    expect(lines).toContain(`${localDay(new Date(), 'UTC')},turns,0`);
    expect(lines.length).toBe(1 + 3 * 7);
  });
});

describe('first human response and time to resolve', () => {
  it('sums the times on the ticket creation day, once the agent workspace columns exist', async () => {
    // The agent workspace's migration adds these columns; add them here only where it has not landed.
    const cols = (await env.DB.prepare("SELECT name FROM pragma_table_info('tickets')").all<{ name: string }>()).results.map((r) => r.name);
    if (!cols.includes('first_response_at')) await env.DB.prepare('ALTER TABLE tickets ADD COLUMN first_response_at TEXT').run();
    if (!cols.includes('resolved_at')) await env.DB.prepare('ALTER TABLE tickets ADD COLUMN resolved_at TEXT').run();
    const shop = await seedDemoShop();
    await chat(shop.shopId, { text: 'Please cancel my order, I changed my mind' });
    await chat(shop.shopId, { text: 'I want a refund for my Ridge 30 backpack' });
    const tickets = (await env.DB.prepare('SELECT id, created_at FROM tickets WHERE shop_id = ? ORDER BY created_at').bind(shop.shopId).all<{ id: string; created_at: string }>()).results;
    expect(tickets).toHaveLength(2);
    const after = (t: { created_at: string }, ms: number) => new Date(Date.parse(t.created_at) + ms).toISOString();
    // One answered after 10 minutes and resolved after an hour; the other answered after 20 minutes, still open.
    await env.DB.prepare('UPDATE tickets SET first_response_at = ?, resolved_at = ? WHERE id = ?').bind(after(tickets[0], 600_000), after(tickets[0], 3_600_000), tickets[0].id).run();
    await env.DB.prepare('UPDATE tickets SET first_response_at = ? WHERE id = ?').bind(after(tickets[1], 1_200_000), tickets[1].id).run();
    await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date());
    expect(await totals(shop)).toMatchObject({ first_response_count: 2, first_response_ms_total: 1_800_000, resolved_count: 1, resolve_ms_total: 3_600_000 });
  });
});

describe('answer classes of model turns', () => {
  it('counts a model reply by what its tools returned: products, policy passages, or nothing', async () => {
    const shop = await seedDemoShop();
    const run = async (text: string, script: Parameters<typeof scriptedModel>[0]) => {
      const m = scriptedModel(script);
      useEngine(() => ({ primary: createModelEngine(() => m.model), name: 'model' }));
      expect((await chat(shop.shopId, { text })).res.status).toBe(200);
      useEngine(null);
    };
    await run('Any waterproof jackets?', [{ toolCalls: [{ toolName: 'searchCatalog', input: { query: 'waterproof jacket' } }] }, { text: 'The cards show our waterproof jackets.' }]);
    await run('How long do I have to return something?', [{ toolCalls: [{ toolName: 'searchPolicies', input: { query: 'return window' } }] }, { text: 'Our return policy is quoted above.' }]);
    await run('Hello there', [{ text: 'Hello! How can I help?' }]);
    await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date());
    expect(await totals(shop)).toMatchObject({ 'engine:model': 3, 'answer_class:product': 1, 'answer_class:policy': 1, 'answer_class:other': 1 });
  });
});
