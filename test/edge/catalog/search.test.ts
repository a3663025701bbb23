import { beforeAll, describe, expect, it } from 'vitest';
import aisle from '../../fixtures/catalog/aisle.json';
import type { TestShop } from '../helpers';
import { api } from '../helpers';
import { auth, importCatalog, search, shopWithCatalog } from './helpers';

let shop: TestShop;
beforeAll(async () => {
  shop = await shopWithCatalog(aisle.products);
});

const top = async (q: string, params: Record<string, string> = {}) => (await search(shop, q, params))[0];
const ids = async (q: string, params: Record<string, string> = {}) => (await search(shop, q, params)).map((h) => h.id);

describe('catalog search', () => {
  it('returns the variant that matches the colour and size asked for', async () => {
    const hit = await top('blue jacket size M');
    expect(hit).toMatchObject({
      id: 'tc-harbor-rain-jacket',
      price: 125,
      availability: 'low_stock',
      variant: { id: 'hrj-blue-m', title: 'Sky Blue / M', options: { Colour: 'Sky Blue', Size: 'M' }, price: 125, availability: 'low_stock' },
    });
    expect((await top('rain jacket in yellow'))?.variant?.id).toBe('hrj-yellow-m');
    expect((await top('sneakers size 44'))?.variant?.id).toBe('ds-navy-44');
    expect((await top('deck sneaker 42 in white'))?.variant?.id).toBe('ds-white-42');
  });

  it('maps colour synonyms and prefers an available variant', async () => {
    // "navy" is asked literally here; "dark blue" style words map through synonyms.
    expect((await top('navy rain jacket'))?.variant?.options.Colour).toBe('Navy');
    // Only sky blue L exists and it is out of stock: the card says so rather than hiding it.
    expect((await top('blue jacket L'))?.variant).toMatchObject({ id: 'hrj-blue-l', availability: 'out_of_stock' });
  });

  it('tolerates typos', async () => {
    expect((await top('jakcet'))?.id).toBe('tc-harbor-rain-jacket');
    expect((await top('backpak'))?.id).toBe('tc-canvas-backpack');
    expect((await top('quilted vset'))?.id).toBe('tc-quilted-vest');
    expect((await top('snekaer'))?.id).toBe('tc-deck-sneaker');
    // A typo in a plural: the stem is one edit from the shop's word, the plural two.
    expect((await top('jakcets'))?.id).toBe('tc-harbor-rain-jacket');
    expect((await top('backpaks'))?.id).toBe('tc-canvas-backpack');
  });

  it('does not read other words as typos of product words by changing their first letter', async () => {
    const gadgets = await shopWithCatalog([
      { id: 'wallet', title: 'Leather Wallet', price: 40, currency: 'USD' },
      { id: 'watch', title: 'Smart Watch', price: 200, currency: 'USD' },
    ]);
    const found = async (q: string) => (await search(gadgets, q)).map((h) => h.id);
    expect(await found("what's the weather like?")).toEqual([]);
    expect(await found('do you price match?')).toEqual([]);
    // Typos that keep the first letter, or swap the first two, are still corrected.
    expect(await found('lether wallet')).toEqual(['wallet']);
    expect(await found('smart wacth')).toEqual(['watch']);
    expect(await found('mwatch')).toEqual([]);
    expect((await top('abckpack'))?.id).toBe('tc-canvas-backpack');
  });

  it('orders by price when asked for the cheapest or the most expensive', async () => {
    const shoes = await shopWithCatalog([
      { id: 'mid', title: 'Trail Shoe', price: 90, currency: 'EUR' },
      { id: 'low', title: 'Road Shoe', price: 60, currency: 'EUR' },
      { id: 'high', title: 'Race Shoe', price: 180, currency: 'EUR' },
    ]);
    const order = async (q: string) => (await search(shoes, q)).map((h) => h.id);
    expect(await order("what's your cheapest shoe?")).toEqual(['low', 'mid', 'high']);
    expect(await order('most expensive shoes')).toEqual(['high', 'mid', 'low']);
    expect(await order('zapatillas más baratas')).toEqual(['low', 'mid', 'high']);
  });

  it('understands common synonyms', async () => {
    expect(await ids('rucksack for my laptop')).toEqual(['tc-canvas-backpack']);
    expect((await top('parka'))?.id).toBe('tc-harbor-rain-jacket');
    expect(await ids('pants')).toEqual(['tc-trail-trousers']);
    expect((await top('trainers'))?.id).toBe('tc-deck-sneaker');
  });

  it('ranks the product named in the title above products that only mention the word', async () => {
    // "canvas" is in the backpack's and the sneaker's titles; "waterproof" only in the jacket's tags.
    expect((await ids('canvas')).slice(0, 2).sort()).toEqual(['tc-canvas-backpack', 'tc-deck-sneaker']);
    expect(await ids('canvas backpack')).toEqual(['tc-canvas-backpack']);
    expect((await top('waterproof'))?.id).toBe('tc-harbor-rain-jacket');
  });

  it('finds nothing for products the shop does not sell', async () => {
    expect(await search(shop, 'surfboard')).toEqual([]);
    expect(await search(shop, 'do you sell kayaks?')).toEqual([]);
    expect(await search(shop, 'espresso machine')).toEqual([]);
  });

  it('filters by stock, price and category', async () => {
    expect(await ids('beanie')).toEqual(['tc-wool-beanie']);
    expect(await ids('beanie', { inStock: 'true' })).toEqual([]);
    expect(await ids('backpack', { inStock: 'true' })).toEqual(['tc-canvas-backpack']);

    const cheap = await ids('canvas', { maxPrice: '80' });
    expect(cheap).toEqual(['tc-deck-sneaker']);
    expect(await ids('canvas', { minPrice: '90' })).toEqual(['tc-canvas-backpack']);
    // Price bounds in the shopper's own words.
    expect(await ids('canvas under 80 euros')).toEqual(['tc-deck-sneaker']);

    expect(await ids('waterproof', { category: 'jacket' })).toEqual(['tc-harbor-rain-jacket']);
    expect(await ids('tidecraft', { category: 'Accessories', limit: '10' })).toEqual(expect.arrayContaining(['tc-wool-beanie', 'tc-enamel-mug']));
    expect(await ids('tidecraft', { category: 'Accessories' })).not.toContain('tc-quilted-vest');
    // Filters without words list that category.
    expect((await ids('', { category: 'vests' }))).toEqual(['tc-quilted-vest']);
  });

  it('resolves relative image and product urls against the origin', async () => {
    const hit = await top('harbor rain jacket');
    expect(hit?.url).toBe('http://aisle.test/products/harbor-rain-jacket');
    expect(hit?.image).toBe('http://aisle.test/img/harbor-rain-jacket.jpg');
    expect((await top('canvas backpack'))?.image).toBe('https://cdn.example.com/canvas-backpack.jpg');
  });

  it("never returns another shop's products", async () => {
    const other = await shopWithCatalog([
      { id: 'other-jacket', title: 'Other Shop Rain Jacket', price: 10, currency: 'EUR', tags: ['waterproof'] },
      { id: 'other-kayak', title: 'Sea Kayak', price: 900, currency: 'EUR' },
    ]);
    const mine = await search(shop, 'rain jacket', { limit: '50' });
    expect(mine.map((h) => h.id)).not.toContain('other-jacket');
    expect(await search(shop, 'kayak')).toEqual([]);
    const theirs = await search(other, 'rain jacket', { limit: '50' });
    expect(theirs.map((h) => h.id)).toEqual(['other-jacket']);
    expect(await search(other, 'backpack')).toEqual([]);
  });

  it('reports what a search cost in D1: one statement once the shop vocabulary is cached, none for words the shop never uses', async () => {
    const fresh = await shopWithCatalog(aisle.products);
    const costOf = async (q: string) => {
      const res = await api(`/v1/shops/${fresh.shopId}/catalog/search?${new URLSearchParams({ q })}`, { headers: auth(fresh.adminKey) });
      const body = (await res.json()) as { hits: unknown[]; tookMs: number; d1: { statements: number; waitMs: number; sqlMs: number } };
      expect(body.d1.waitMs).toBeGreaterThanOrEqual(body.d1.sqlMs);
      expect(body.tookMs).toBeGreaterThanOrEqual(body.d1.waitMs);
      return { hits: body.hits.length, statements: body.d1.statements };
    };
    // First search: the vocabulary (for typo correction) and the full-text query.
    expect(await costOf('rain jacket')).toEqual({ hits: 1, statements: 2 });
    expect(await costOf('canvas backpack')).toEqual({ hits: 1, statements: 1 });
    // Nothing the shop sells: answered from the cached vocabulary without asking D1.
    expect(await costOf('surfboard')).toEqual({ hits: 0, statements: 0 });
    // A catalog write drops the cached vocabulary, so the next search sees the new words.
    expect((await importCatalog(fresh, { products: [{ id: 'sb', title: 'Foam Surfboard', price: 200, currency: 'EUR' }] }, 'POST')).status).toBe(200);
    expect(await costOf('surfboard')).toEqual({ hits: 1, statements: 2 });
  });
});
