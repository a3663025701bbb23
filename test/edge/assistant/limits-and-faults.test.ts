import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_SECRET_HEADER, NEW_CONVERSATION_SECRET } from '../../../shared/chat';
import { api, chat, createShop, json, seedDemoShop } from '../helpers';

describe('flood control and budgets', () => {
  it('limits one conversation with 429 rate_limited and Retry-After; other conversations are unaffected', async () => {
    const shop = await createShop();
    const conversationId = crypto.randomUUID();
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 12; i++) {
      const r = await api(`/v1/shops/${shop.shopId}/chat`, json({ conversationId, message: { text: `hello ${i}` } }));
      statuses.push(r.status);
      if (r.status === 429) limited = r;
      else await r.text();
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(limited).not.toBeNull();
    expect(limited!.headers.get('retry-after')).toBe('10');
    expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    const other = await chat(shop.shopId, { text: 'hello from another conversation' });
    expect(other.res.status).toBe(200);
  });

  it("stops a shop at its daily message budget, and only that shop", async () => {
    const capped = await createShop(undefined, { settings: { budgets: { messagesPerDay: 2 } } });
    const free = await createShop();
    expect((await chat(capped.shopId, { text: 'one' })).res.status).toBe(200);
    expect((await chat(capped.shopId, { text: 'two' })).res.status).toBe(200);
    const third = await chat(capped.shopId, { text: 'three' });
    expect(third.res.status).toBe(429);
    expect(Number(third.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await chat(free.shopId, { text: 'hello' })).res.status).toBe(200);
  });

  it('an over-budget first turn leaves no conversation behind: the same new conversation starts once the budget allows', async () => {
    const capped = await createShop(undefined, { settings: { budgets: { messagesPerDay: 1 } } });
    expect((await chat(capped.shopId, { text: 'one' })).res.status).toBe(200);
    const conversationId = crypto.randomUUID();
    const first = () => api(`/v1/shops/${capped.shopId}/chat`, json({ conversationId, message: { text: 'hello' } }, { [CONVERSATION_SECRET_HEADER]: NEW_CONVERSATION_SECRET }));
    const refused = await first();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM conversations WHERE id = ?').bind(conversationId).first('n')).toBe(0);
    // The next day (here: the day's count reset) the widget's retry of the same first turn is answered.
    await env.DB.prepare('UPDATE usage_daily SET messages = 0 WHERE shop_id = ?').bind(capped.shopId).run();
    const again = await first();
    expect(again.status).toBe(200);
    expect(again.headers.get(CONVERSATION_SECRET_HEADER)).toMatch(/\S{20,}/);
    await again.text();
  });
});

describe('database failure', () => {
  it('gives the honest reply, keeps the turn and leaves a failure in the audit trail', async () => {
    const shop = await seedDemoShop();
    // Break the catalog search the way a failing query would.
    await env.DB.exec('DROP TABLE products_fts');
    const r = await chat(shop.shopId, { text: 'Do you have a waterproof jacket?' });
    expect(r.res.status).toBe(200);
    expect(r.text).toMatch(/specialist will confirm/i);
    const history = await api(`/v1/shops/${shop.shopId}/conversations/${r.conversationId}`);
    const stored = (await history.json()) as { messages: { role: string }[] };
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const audit = await api(`/v1/shops/${shop.shopId}/conversations/${r.conversationId}/audit`, { headers: { authorization: `Bearer ${shop.agentKey}` } });
    const records = ((await audit.json()) as { audit: { kind: string; failures?: unknown[]; fallbackReason?: string }[] }).audit;
    const turn = records.find((a) => a.kind === 'turn')!;
    expect(turn.failures!.length).toBeGreaterThan(0);
    expect(records.some((a) => a.kind === 'failure')).toBe(true);
  });
});
