import { beforeAll, describe, expect, it } from 'vitest';
import policies from '../../fixtures/other-shop/policies.json';
import { auth, importCatalog } from '../catalog/helpers';
import { api, chat, dataOf, createShop, type TestShop } from '../helpers';

/**
 * Policy answers on a shop written unlike the demo one (other headings, other words: "send back"
 * for returns, "delivery" for shipping, a contact page with hours but no "hours"), so the offline
 * engine is checked on the general case rather than on the demo text.
 */
let shop: TestShop;
beforeAll(async () => {
  shop = await createShop();
  const res = await api(`/v1/shops/${shop.shopId}/policies`, { method: 'PUT', headers: auth(shop.adminKey), body: JSON.stringify(policies) });
  if (res.status !== 200) throw new Error(await res.text());
  // An electronics shop: "phone" is a product here as well as a way to reach the shop.
  const products = [
    { id: 'phone-x', title: 'Pixel Smartphone 128 GB', category: 'Phones', price: 599, currency: 'USD' },
    { id: 'case-x', title: 'Silicone Phone Case', category: 'Accessories', price: 19, currency: 'USD' },
    { id: 'hoodie-x', title: 'Stone Grey Hoodie', category: 'Clothing', price: 49, currency: 'USD' },
  ];
  const imported = await importCatalog(shop, { products });
  if (imported.status !== 200) throw new Error(await imported.text());
});

const answer = async (text: string) => (await chat(shop.shopId, { text })).text;

describe('policy answers on an unfamiliar shop', () => {
  it.each([
    ['how long does shipping take?', '3 to 5 business days'],
    ['do you ship to Canada?', 'Canada and Mexico'],
    ['how much is express delivery?', '$19'],
    ['what is your return policy?', 'within 45 days'],
    ['can I return opened electronics?', 'within 15 days'],
    ['what payment methods do you accept?', 'We accept Visa'],
    ['can I pay with bitcoin?', 'We accept Visa'],
    ['is there a warranty on office chairs?', '5 years'],
    ['what are your opening hours?', 'Monday to Friday'],
    ['how can I reach you by phone?', '1-800-555-0199'],
    ['do you sell my data?', 'We never sell personal data'],
    ['how long do refunds take?', 'within 3 business days'],
    ['are returns free?', 'Return shipping costs $5'],
    ['can I return a gift card?', 'Gift cards, personalised items and opened software.'],
    ['do you ship internationally?', 'Canada and Mexico'],
    ["what's your phone number?", '1-800-555-0199'],
  ])('%s', async (question, quote) => {
    expect(await answer(question)).toContain(quote);
  });

  it('cites only the policy it quotes, in one citations card', async () => {
    for (const [question, documentId] of [
      ['can I return a gift card?', 'returns'],
      ['are returns free?', 'returns'],
      ['what payment methods do you accept?', 'payments'],
    ]) {
      const r = await chat(shop.shopId, { text: question });
      const cards = dataOf<{ citations: { documentId: string; passageId: string }[] }>(r.parts, 'citations');
      expect(cards, question).toHaveLength(1);
      expect(new Set(cards[0].citations.map((c) => c.documentId)), question).toEqual(new Set([documentId]));
    }
  });

  it('reads "do you sell phones?" as shopping when the shop sells phones, and "your phone number" as contact', async () => {
    for (const [question, id] of [
      ['do you sell phones?', 'phone-x'],
      ['which phones do you have?', 'phone-x'],
      ['do you have a phone case?', 'case-x'],
    ]) {
      const r = await chat(shop.shopId, { text: question });
      const cards = dataOf<{ products: { id: string }[] }>(r.parts, 'products').flatMap((p) => p.products.map((c) => c.id));
      expect(cards, question).toContain(id);
      expect(r.text, question).not.toContain('1-800-555-0199');
    }
    expect(await answer('what is your phone number?')).toContain('1-800-555-0199');
    // A typo correction is no reason to shop: "store" is one letter from "Stone".
    const store = await chat(shop.shopId, { text: 'do you have a store in Boston?' });
    expect(dataOf(store.parts, 'products')).toEqual([]);
  });

  it('answers "do you have a size guide?" with the guide\'s opening, not a sentence that happens to say "guide"', async () => {
    const guideShop = await createShop();
    const body = {
      policies: [
        {
          id: 'sizes',
          title: 'Size guide',
          url: '/help/sizes',
          body: '# Size guide\n\nMeasure your chest and waist and compare them with the table below.\n\n## Children\nFor children, height is a better guide than age.',
        },
      ],
    };
    expect((await api(`/v1/shops/${guideShop.shopId}/policies`, { method: 'PUT', headers: auth(guideShop.adminKey), body: JSON.stringify(body) })).status).toBe(200);
    expect((await chat(guideShop.shopId, { text: 'do you have a size guide?' })).text).toContain('Measure your chest and waist');
  });
});
