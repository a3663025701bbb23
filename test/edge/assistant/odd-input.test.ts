import { describe, expect, it } from 'vitest';
import aisle from '../../fixtures/catalog/aisle.json';
import policies from '../../fixtures/other-shop/policies.json';
import { auth, shopWithCatalog } from '../catalog/helpers';
import { api, chat, dataOf } from '../helpers';

/**
 * Shoppers type anything: FTS5 query syntax, SQL, emoji, other scripts, a wall of one word.
 * None of it may reach D1 as syntax (a failure reply or a 500); each gets an ordinary answer.
 */
describe('odd input', () => {
  it('answers FTS5 syntax, SQL, emoji and other scripts like any other message', async () => {
    const shop = await shopWithCatalog(aisle.products);
    expect((await api(`/v1/shops/${shop.shopId}/policies`, { method: 'PUT', headers: auth(shop.adminKey), body: JSON.stringify(policies) })).status).toBe(200);
    const messages = [
      '"', '*', '(((', 'NEAR(jacket sneaker)', 'jacket AND OR NOT', '-jacket', '^jacket', 'title:jacket', '{title}: jacket', 'jacket"*',
      "'; DROP TABLE products; --", '🧥 jacket?', '日本語のジャケット', 'где моя куртка', 'jacket '.repeat(500), '€€€ under 5 €',
      'return policy"', 'how long" OR "ship', '#', 'order #',
    ];
    for (const text of messages) {
      const r = await chat(shop.shopId, { text });
      expect(r.res.status, text).toBe(200);
      expect(r.text, text).not.toMatch(/something went wrong/i);
      expect(r.text.length, text).toBeGreaterThan(0);
    }
    // A wall of words is not echoed back in full.
    expect((await chat(shop.shopId, { text: 'jacket '.repeat(500) })).text.length).toBeLessThan(400);
    // The syntax is read as words: these still find the jacket and quote the policy.
    expect(JSON.stringify(dataOf((await chat(shop.shopId, { text: 'jacket AND OR NOT' })).parts, 'products'))).toContain('Harbor Rain Jacket');
    expect((await chat(shop.shopId, { text: 'how long" OR "ship' })).text).toContain('3 to 5 business days');
    for (const q of ['"', 'NEAR(a b)', "jacket' OR 1=1", '*', 'a:b']) {
      for (const path of ['catalog/search', 'policies/search']) {
        const res = await api(`/v1/shops/${shop.shopId}/${path}?${new URLSearchParams({ q })}`, { headers: auth(shop.adminKey) });
        expect(res.status, `${path} ${q}`).toBe(200);
      }
    }
  }, 60_000);
});
