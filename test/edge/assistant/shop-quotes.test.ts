import { describe, expect, it } from 'vitest';
import { findPromise } from '../../../edge/src/policy-gate';
import { api, chat, createShop, dataOf, json } from '../helpers';

/**
 * The promise guard stops the assistant promising things; it must not stop the assistant
 * quoting what the shop itself publishes about a product. An unseen shop, set up through the API.
 */
describe('quoting the shop word for word', () => {
  // A commitment in the shop's own words (a rule of this product), not a claim that something was done.
  const guarantee = 'Cracks are covered: we will replace your mug for free.';

  it('passes a product fact the guard would block if the assistant said it on its own', async () => {
    expect(findPromise(guarantee)).not.toBeNull();
    const shop = await createShop();
    const res = await api(`/v1/shops/${shop.shopId}/catalog`, {
      ...json(
        {
          format: 'aisle',
          products: [
            {
              id: 'mug-1',
              title: 'Everlast Enamel Mug',
              price: 18,
              currency: 'EUR',
              description: `A 350 ml enamel camping mug with a steel rim. ${guarantee}`,
              attributes: { material: 'enamelled steel', weight_g: 120 },
            },
          ],
        },
        { authorization: `Bearer ${shop.adminKey}` },
      ),
      method: 'PUT',
    });
    expect(res.status).toBe(200);
    const r = await chat(shop.shopId, { text: 'What happens if the Everlast mug cracks?' });
    expect(r.text).toContain(guarantee);
    expect(dataOf(r.parts, 'handoff')).toEqual([]);
  });
});
