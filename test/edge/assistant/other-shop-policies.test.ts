import { beforeAll, describe, expect, it } from 'vitest';
import policies from '../../fixtures/other-shop/policies.json';
import { auth } from '../catalog/helpers';
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
});
