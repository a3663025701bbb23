import { beforeAll, describe, expect, it } from 'vitest';
import aisle from '../../fixtures/catalog/aisle.json';
import { shopWithCatalog } from '../catalog/helpers';
import { chat, type TestShop } from '../helpers';

/** "What colours does it come in?": the choices of the product asked about, from its variants. */
let shop: TestShop;
beforeAll(async () => {
  shop = await shopWithCatalog(aisle.products);
});

const answer = async (text: string) => (await chat(shop.shopId, { text })).text;

describe('product choices', () => {
  it('lists the colours or sizes a product comes in, marking the ones that cannot be bought', async () => {
    expect(await answer('what colours does the harbor rain jacket come in?')).toContain('Colour: Navy, Sky Blue, Signal Yellow.');
    // Size L exists only in Sky Blue, which is sold out.
    expect(await answer('which sizes is the harbor rain jacket available in?')).toContain('Size: S, M, L (out of stock).');
    expect(await answer('¿En qué colores está la Harbor Rain Jacket?')).toContain('Opciones de **Harbor Rain Jacket**, Colour: Navy, Sky Blue, Signal Yellow.');
    // A sizing question, and this shop has no size guide: the sizes come from the catalog.
    expect(await answer('¿Qué tallas tiene la Harbor Rain Jacket?')).toContain('Size: S, M, L (agotado).');
  });

  it('lists only the option the question names by the shop\'s own word for it', async () => {
    const chairs = await shopWithCatalog([
      {
        id: 'desk-chair',
        title: 'Desk Chair',
        price: 300,
        currency: 'USD',
        variants: [
          { id: 'l-b', options: { Material: 'leather', Color: 'black' } },
          { id: 'm-r', options: { Material: 'mesh', Color: 'red' } },
        ],
      },
    ]);
    const text = (await chat(chairs.shopId, { text: 'what materials is the desk chair available in?' })).text;
    expect(text).toContain('Material: leather, mesh.');
    expect(text).not.toContain('Color:');
  });

  it('names the variant instead when the question asks for one', async () => {
    const text = await answer('do you have the harbor rain jacket in navy?');
    expect(text).toContain('Navy');
    expect(text).not.toContain('Colour: Navy, Sky Blue');
  });
});

describe('product details the catalog does not give', () => {
  it('says the product details do not say, instead of showing the card as if it answered', async () => {
    const text = await answer('is the harbor rain jacket machine washable?');
    expect(text).toContain('Harbor Rain Jacket');
    expect(text).toMatch(/don't say, and I won't guess/);
    // When the catalog does say, the fact is quoted instead.
    const known = await answer('is the harbor rain jacket waterproof?');
    expect(known).toMatch(/\*\*Harbor Rain Jacket\*\*: .*waterproof/i);
    expect(known).not.toMatch(/don't say/);
    // A browse, a price question and a typo of the name are answered by the card alone.
    for (const q of ['do you have a harbor rain jacket for hiking?', 'is the harbor rain jacket in stock?', 'is the harbr rain jacket available?']) {
      expect(await answer(q), q).not.toMatch(/don't say/);
    }
  });
});

describe('product facts', () => {
  it('answers "how heavy" from the weight, not from a sentence that repeats another word of the question', async () => {
    const chairs = await shopWithCatalog([
      {
        id: 'chair',
        title: 'Saarinen Conference Chair',
        price: 499,
        currency: 'USD',
        description: 'A modern chair for your office or conference room.',
        attributes: { weight: 9 },
      },
    ]);
    const text = (await chat(chairs.shopId, { text: 'how heavy is the office chair?' })).text;
    expect(text).toContain('**Saarinen Conference Chair**: Weight: 9');
  });
});
