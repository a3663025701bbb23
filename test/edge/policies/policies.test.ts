import { beforeAll, describe, expect, it } from 'vitest';
import aisle from '../../fixtures/catalog/aisle.json';
import policies from '../../fixtures/catalog/policies.json';
import { splitPolicy } from '../../../edge/src/policies/passages';
import { api, createShop, type TestShop } from '../helpers';
import { auth, importCatalog } from '../catalog/helpers';

interface Passage {
  id: string;
  documentId: string;
  title: string;
  url?: string;
  heading?: string;
  text: string;
  score: number;
}

const putPolicies = (shop: TestShop, body: unknown, key = shop.adminKey) =>
  api(`/v1/shops/${shop.shopId}/policies`, { method: 'PUT', headers: auth(key), body: JSON.stringify(body) });

async function ask(shop: TestShop, q: string): Promise<Passage[]> {
  const res = await api(`/v1/shops/${shop.shopId}/policies/search?${new URLSearchParams({ q })}`, { headers: auth(shop.adminKey) });
  if (res.status !== 200) throw new Error(`policy search ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { passages: Passage[] }).passages;
}

let shop: TestShop;
beforeAll(async () => {
  shop = await createShop();
  const res = await putPolicies(shop, policies);
  if (res.status !== 200) throw new Error(await res.text());
  // Product words in a question must not stop a policy answer.
  await importCatalog(shop, { products: aisle.products });
});

describe('policy passages', () => {
  it('splits at ## headings, keeps the heading, and lists documents', async () => {
    const res = await api(`/v1/shops/${shop.shopId}/policies`, { headers: auth(shop.adminKey) });
    const { policies: list } = (await res.json()) as { policies: { id: string; passages: number }[] };
    expect(list.map((p) => p.id)).toEqual(['returns', 'shipping', 'warranty']);
    const shipping = splitPolicy(policies.policies[0]);
    expect(shipping.map((p) => p.heading)).toEqual([undefined, 'Processing time', 'Destinations and prices', 'Tracking']);
    expect(shipping[0].text).not.toContain('# Shipping');
    expect(list.find((p) => p.id === 'shipping')!.passages).toBe(shipping.length);
  });

  it('groups short paragraphs and splits long sections into 60-250 word passages', () => {
    const sentence = 'Our couriers collect parcels every afternoon from the warehouse dock. ';
    const body = `## Long section\n${sentence.repeat(60)}\n\n## Short paragraphs\n${Array.from({ length: 12 }, (_, i) => `Paragraph ${i} has a few words about parcels and boxes here.`).join('\n\n')}`;
    const passages = splitPolicy({ id: 'doc', body });
    const words = passages.map((p) => p.text.split(/\s+/).length);
    expect(passages.length).toBeGreaterThan(3);
    for (const w of words) expect(w).toBeLessThanOrEqual(250);
    for (const w of words) expect(w).toBeGreaterThanOrEqual(40);
    expect(passages.every((p) => p.heading === 'Long section' || p.heading === 'Short paragraphs')).toBe(true);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it('finds the passage that answers typical questions, with title and url', async () => {
    const returns = await ask(shop, 'how long do returns take?');
    expect(returns[0]).toMatchObject({ documentId: 'returns', title: 'Returns and refunds', url: '/pages/returns' });

    const swiss = await ask(shop, 'Do you ship to Switzerland?');
    expect(swiss[0]).toMatchObject({ documentId: 'shipping', heading: 'Destinations and prices', title: 'Shipping and delivery' });
    expect(swiss[0].text).toContain('Switzerland and Norway');

    const refund = await ask(shop, 'when will I get my refund?');
    expect(refund[0]).toMatchObject({ documentId: 'returns', heading: 'Refunds' });

    const tracking = await ask(shop, 'where is my tracking link');
    expect(tracking[0]).toMatchObject({ documentId: 'shipping', heading: 'Tracking' });

    const warranty = await ask(shop, 'is there a guarantee on the bags?');
    expect(warranty[0]).toMatchObject({ documentId: 'warranty', url: 'https://help.example.org/warranty' });

    const exchange = await ask(shop, 'can I exchange for another size');
    expect(exchange[0]).toMatchObject({ documentId: 'returns', heading: 'Exchanges' });
  });

  it('answers questions in Spanish, French and German from English policies', async () => {
    expect((await ask(shop, '¿cuánto tarda el reembolso?'))[0]).toMatchObject({ documentId: 'returns', heading: 'Refunds' });
    expect((await ask(shop, 'livrez-vous en Suisse ?'))[0]).toMatchObject({ documentId: 'shipping', heading: 'Destinations and prices' });
    expect((await ask(shop, 'Wie lange dauert die Rückerstattung?'))[0]).toMatchObject({ documentId: 'returns', heading: 'Refunds' });
  });

  it('keeps answering when the question names a product of the shop', async () => {
    // "enamel" and "mug" appear only in the catalog; without them the question is about returns.
    expect((await ask(shop, 'can I return the enamel mug?'))[0]).toMatchObject({ documentId: 'returns', heading: 'Returning an item' });
    expect((await ask(shop, 'how long does the refund for my canvas sneaker take'))[0]).toMatchObject({ documentId: 'returns', heading: 'Refunds' });
  });

  it('returns nothing for questions the policies do not answer', async () => {
    expect(await ask(shop, 'what is the capital of France?')).toEqual([]);
    expect(await ask(shop, 'who won the football world cup')).toEqual([]);
    expect(await ask(shop, 'do you have a loyalty programme?')).toEqual([]);
    expect(await ask(shop, 'hello')).toEqual([]);
  });

  it('replaces all documents on PUT and keeps shops apart', async () => {
    const other = await createShop();
    expect(await ask(other, 'do you ship to Switzerland?')).toEqual([]);
    const res = await putPolicies(other, {
      policies: [{ id: 'privacy', title: 'Privacy', body: 'We keep your email address only to send order updates and delete it after two years.' }],
    });
    expect(await res.json()).toEqual({ documents: 1, passages: 1 });
    expect((await ask(other, 'how long do you keep my email address'))[0]).toMatchObject({ documentId: 'privacy' });
    expect(await ask(shop, 'how long do you keep my email address')).toEqual([]);

    await putPolicies(other, { policies: [{ id: 'returns-2', title: 'Returns', body: 'Returns are accepted within 14 days.' }] });
    expect(await ask(other, 'how long do you keep my email address')).toEqual([]);
    expect((await ask(other, 'returns'))[0]).toMatchObject({ documentId: 'returns-2' });
  });

  it("needs this shop's admin key and a valid body", async () => {
    const other = await createShop();
    expect((await putPolicies(shop, policies, other.adminKey)).status).toBe(401);
    const none = await api(`/v1/shops/${shop.shopId}/policies/search?q=returns`);
    expect(none.status).toBe(401);
    const bad = await putPolicies(shop, { policies: [{ id: 'x', title: '', body: '' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('invalid_request');
    // The rejected body changed nothing.
    expect((await ask(shop, 'do you ship to Switzerland?')).length).toBeGreaterThan(0);
  });
});
