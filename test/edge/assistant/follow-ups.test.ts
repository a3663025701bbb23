import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderCard } from '../../../shared/chat';
import { shopWithCatalog } from '../catalog/helpers';
import { chat, dataOf, signCustomerToken, type TestShop } from '../helpers';
import { importAll } from '../orders/fixtures';

/** Follow-ups answered from what the previous reply showed, within one conversation; price ranges. */
let shop: TestShop;
beforeAll(async () => {
  shop = await shopWithCatalog([
    { id: 'sofa-big', title: 'Colombo Leather Sofa', vendor: 'Colombo', category: 'Sofas', price: 2400, currency: 'EUR', availability: 'in_stock' },
    {
      id: 'sofa-small',
      title: 'Linen Two-Seater',
      category: 'Sofas',
      price: 900,
      currency: 'EUR',
      variants: [
        { id: 'sand', options: { Colour: 'Sand' }, availability: 'low_stock' },
        { id: 'olive', options: { Colour: 'Olive' }, availability: 'out_of_stock' },
      ],
    },
    { id: 'lipstick', title: 'Red Lipstick', vendor: 'Glow Cosmetics', category: 'Beauty', price: 12.99, currency: 'EUR', availability: 'out_of_stock' },
  ]);
  expect((await importAll(shop)).status).toBe(200);
});

type Cards = { products: { id: string }[] };
const cardIds = (parts: Parameters<typeof dataOf>[0]) => dataOf<Cards>(parts, 'products').flatMap((p) => p.products.map((c) => c.id));

describe('follow-up questions', () => {
  it('answers "is it in stock?" and "what brand is it?" about the product just shown', async () => {
    const first = await chat(shop.shopId, { text: 'do you have red lipstick?' });
    expect(cardIds(first.parts)).toEqual(['lipstick']);
    const stock = await chat(shop.shopId, { conversationId: first.conversationId, text: 'is it in stock?' });
    expect(cardIds(stock.parts)).toEqual(['lipstick']);
    expect(stock.text).toContain('out of stock');
    const brand = await chat(shop.shopId, { conversationId: first.conversationId, text: 'what brand is it?' });
    expect(brand.text).toContain('Brand: Glow Cosmetics');
  });

  it('answers "does it come in ...?" from the options of the product just shown', async () => {
    const sofa = await chat(shop.shopId, { text: 'do you have the linen two-seater?' });
    const olive = await chat(shop.shopId, { conversationId: sofa.conversationId, text: 'does it come in olive?' });
    expect(cardIds(olive.parts)).toEqual(['sofa-small']);
    expect(olive.text).toContain('**Linen Two-Seater** in Olive: out of stock');
    const lipstick = await chat(shop.shopId, { text: 'do you have red lipstick?' });
    const pink = await chat(shop.shopId, { conversationId: lipstick.conversationId, text: 'does it come in pink?' });
    expect(cardIds(pink.parts)).toEqual(['lipstick']);
    expect(pink.text).toContain('**Red Lipstick** is not listed in pink.');
    expect(pink.text).not.toContain("don't say");
    // "in stock" is availability, not an option.
    const stock = await chat(shop.shopId, { conversationId: lipstick.conversationId, text: 'is it in stock?' });
    expect(stock.text).not.toContain('not listed');
    expect(stock.text).toContain('out of stock');
  });

  it('answers "anything cheaper?" with cheaper products of the same kind', async () => {
    const first = await chat(shop.shopId, { text: 'I am looking for a leather sofa' });
    expect(cardIds(first.parts)[0]).toBe('sofa-big');
    const cheaper = await chat(shop.shopId, { conversationId: first.conversationId, text: 'anything cheaper?' });
    expect(cardIds(cheaper.parts)).toEqual(['sofa-small']);
  });

  it('answers "when will it arrive?" about the orders just shown, for the same signed-in customer only', async () => {
    const token = await signCustomerToken(shop, 'cus_a');
    const first = await chat(shop.shopId, { text: 'has my trail jacket shipped?' }, { token });
    expect(dataOf<OrderCard>(first.parts, 'order').map((o) => o.number), first.text).toEqual(['NW-10042']);
    const next = await chat(shop.shopId, { conversationId: first.conversationId, text: 'when will it arrive?' }, { token });
    expect(dataOf<OrderCard>(next.parts, 'order').map((o) => o.number)).toEqual(['NW-10042']);
    // Without the customer's token the conversation does not exist.
    expect((await chat(shop.shopId, { conversationId: first.conversationId, text: 'when will it arrive?' })).res.status).toBe(404);
  });

  it('leaves a new question alone when it names something else', async () => {
    const first = await chat(shop.shopId, { text: 'do you have red lipstick?' });
    const other = await chat(shop.shopId, { conversationId: first.conversationId, text: 'do you have sofas?' });
    expect(cardIds(other.parts).sort()).toEqual(['sofa-big', 'sofa-small']);
    const again = await chat(shop.shopId, { text: 'do you have red lipstick?' });
    const possible = await chat(shop.shopId, { conversationId: again.conversationId, text: 'is it possible to get a linen sofa?' });
    expect(cardIds(possible.parts)).toEqual(['sofa-small']);
  });
});

describe('price ranges', () => {
  it('says when nothing is in the price range asked for, and shows what there is', async () => {
    const r = await chat(shop.shopId, { text: 'sofas under 500 euros' });
    expect(r.text).toContain('Nothing like that is in that price range.');
    // The shopper's words are not echoed back.
    expect(r.text).not.toContain('sofas under 500');
    expect(cardIds(r.parts).sort()).toEqual(['sofa-big', 'sofa-small']);
    const inRange = await chat(shop.shopId, { text: 'sofas under 1000 euros' });
    expect(cardIds(inRange.parts)).toEqual(['sofa-small']);
    expect(inRange.text).not.toContain('price range');
    // The only sofa under 1000 is not leather: the leather one is shown, out of range, rather than
    // a different sofa passed off as a match.
    const leather = await chat(shop.shopId, { text: 'leather sofa under 1000 euros' });
    expect(leather.text).toContain('is in that price range');
    expect(cardIds(leather.parts)[0]).toBe('sofa-big');
  });
});
