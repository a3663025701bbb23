import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { gapKey, redactGap, type KnowledgeGap } from '../../../edge/src/metrics/gaps';
import { rollupShop } from '../../../edge/src/metrics/rollup';
import { runRetention } from '../../../edge/src/retention';
import { api, chat, seedDemoShop, signCustomerToken, type TestShop } from '../helpers';

const gaps = async (shop: TestShop) => {
  const res = await api(`/v1/shops/${shop.shopId}/knowledge-gaps?days=30`, { headers: { authorization: `Bearer ${shop.adminKey}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { gaps: KnowledgeGap[] }).gaps;
};

describe('knowledge gaps', () => {
  it('removes emails, phone numbers and order numbers, and groups by the words that matter', () => {
    const text = redactGap('Any kayaks? Order NW-10231, call +49 170 1234567 or write to jo.doe@example.com');
    expect(text).not.toMatch(/NW-10231|1234567|example\.com/);
    expect(text).toMatch(/\[order\].*\[phone\].*\[email removed\]/);
    expect(gapKey('Do you sell electric kayaks?', 'en')).toBe(gapKey('electric kayak, do you sell them', 'en'));
    expect(gapKey('Do you sell electric kayaks?', 'en')).not.toBe(gapKey('Do you sell snowboards?', 'en'));
  });

  it('collects unanswered questions from real turns once, redacted, and lets retention and customer deletion remove them', async () => {
    const shop = await seedDemoShop();
    await chat(shop.shopId, { text: 'Do you sell electric kayaks?' });
    await chat(shop.shopId, { text: 'do you sell ELECTRIC kayak' });
    await chat(shop.shopId, { text: 'Do you sell snowboards? Call me on +44 20 7946 0958 or mail jo@example.com' });
    const token = await signCustomerToken(shop, 'cus_1001');
    await chat(shop.shopId, { text: 'Do you sell paddleboards?' }, { token });
    // Answered questions are not gaps.
    await chat(shop.shopId, { text: 'How heavy is the Sparrow 2 tent?' });

    const first = await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date());
    expect(first.gapsWritten).toBe(4);
    expect((await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date())).gapsWritten).toBe(0);

    const list = await gaps(shop);
    expect(list[0]).toMatchObject({ count: 2, reasons: ['no_product_match'] });
    expect(list[0].examples.length).toBe(2);
    expect(list.map((g) => g.count).sort()).toEqual([1, 1, 2]);
    const all = JSON.stringify(list);
    expect(all).not.toMatch(/example\.com|7946|NW-10231/);
    expect(all).toMatch(/snowboards/);

    // The customer's gap goes with their data.
    const del = await api(`/v1/shops/${shop.shopId}/customers/cus_1001`, { method: 'DELETE', headers: { authorization: `Bearer ${shop.adminKey}` } });
    expect(del.status).toBe(200);
    expect(JSON.stringify(await gaps(shop))).not.toMatch(/paddleboards/);
    expect((await rollupShop(env.DB, shop.shopId, 'UTC', 180, new Date())).gapsWritten).toBe(0);

    // Retention removes the rest once they are older than retentionDays.
    const [report] = (await runRetention(env, new Date(Date.now() + 400 * 86_400_000))).filter((r) => r.shopId === shop.shopId);
    expect(report.gaps).toBe(3);
    expect(await gaps(shop)).toEqual([]);
  }, 60_000);
});
