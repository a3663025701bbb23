import { describe, expect, it } from 'vitest';
import aisle from '../../fixtures/catalog/aisle.json';
import shopify from '../../fixtures/catalog/shopify-products.json';
import woo from '../../fixtures/catalog/woocommerce-products.json';
import { api, createShop } from '../helpers';
import { auth, importCatalog, search, shopWithCatalog } from './helpers';

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('catalog import', () => {
  it('replaces the catalog with products in Aisle format and reports counts', async () => {
    const shop = await createShop();
    const res = await importCatalog(shop, { products: aisle.products });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: 'replace', accepted: 7, total: 7 });
    const product = await api(`/v1/shops/${shop.shopId}/catalog/products/harbor-rain-jacket`, { headers: auth(shop.adminKey) });
    expect(product.status).toBe(200);
    expect(((await product.json()) as { product: { id: string } }).product.id).toBe('tc-harbor-rain-jacket');
  });

  it('imports Shopify products.json: options named, HTML stripped, prices parsed, stock mapped', async () => {
    const shop = await createShop();
    const res = await importCatalog(shop, { format: 'shopify', currency: 'USD', products: shopify.products });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, total: 2 });

    const got = await api(`/v1/shops/${shop.shopId}/catalog/products/7001001`, { headers: auth(shop.adminKey) });
    const { product } = (await got.json()) as { product: Record<string, any> };
    expect(product).toMatchObject({ title: 'Lighthouse Linen Shirt', handle: 'lighthouse-linen-shirt', url: '/products/lighthouse-linen-shirt', vendor: 'Saltmarsh', category: 'Shirts', price: 64, currency: 'USD' });
    expect(product.tags).toEqual(['linen', 'summer', 'relaxed fit']);
    expect(product.description).toContain('Breezy linen shirt with a relaxed fit.');
    expect(product.description).not.toMatch(/<|&amp;/);
    expect(product.variants.map((v: any) => [v.options, v.availability, v.price])).toEqual([
      [{ Color: 'Sage', Size: 'M' }, 'in_stock', 64],
      [{ Color: 'Sage', Size: 'L' }, 'low_stock', 64],
      [{ Color: 'Ecru', Size: 'M' }, 'out_of_stock', 64],
    ]);
    expect(product.variants[0]).toMatchObject({ compareAtPrice: 79, image: 'https://cdn.shopify.example/files/linen-sage.jpg' });

    // "Default Title" is Shopify's placeholder variant: the candle is a plain product.
    const candle = await search(shop, 'candle');
    expect(candle).toHaveLength(1);
    expect(candle[0]).toMatchObject({ id: '7001002', price: 28.5, currency: 'USD', availability: 'in_stock' });
    expect(candle[0].variant).toBeUndefined();

    const ecru = await search(shop, 'linen shirt ecru');
    expect(ecru[0]).toMatchObject({ id: '7001001', variant: { options: { Color: 'Ecru', Size: 'M' }, availability: 'out_of_stock' } });
  });

  it('refuses Shopify products without a currency, naming the item', async () => {
    const shop = await createShop();
    const res = await importCatalog(shop, { format: 'shopify', products: shopify.products });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: unknown[]; message: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues[0].path).toEqual(['products', 0]);
    expect(body.error.issues[0].message).toMatch(/currency/);
    expect(body.error.issues[0].message).toContain('Lighthouse Linen Shirt');
  });

  it('imports WooCommerce Store API products: minor-unit prices, attribute terms, categories, stock', async () => {
    const shop = await createShop();
    const res = await importCatalog(shop, { format: 'woocommerce', products: woo });
    expect(res.status).toBe(200);
    const got = await api(`/v1/shops/${shop.shopId}/catalog/products/tidepool-ceramic-bowl`, { headers: auth(shop.adminKey) });
    const { product } = (await got.json()) as { product: Record<string, any> };
    expect(product).toMatchObject({ id: '311', price: 34.5, currency: 'GBP', category: 'Tableware', url: 'https://pottery.example/product/tidepool-ceramic-bowl/' });
    expect(product.tags).toEqual(['Handmade', 'stoneware']);
    expect(product.attributes).toEqual({ Material: 'Stoneware' });
    expect(product.description).toContain('Hand-thrown stoneware bowl.');
    expect(product.variants.map((v: any) => v.options)).toEqual([
      { Glaze: 'Seafoam', Diameter: '15 cm' },
      { Glaze: 'Midnight Blue', Diameter: '20 cm' },
    ]);

    const blue = await search(shop, 'blue bowl');
    expect(blue[0]).toMatchObject({ id: '311', variant: { id: '313', options: { Glaze: 'Midnight Blue' } } });
    const towel = await search(shop, 'tea towel');
    expect(towel[0]).toMatchObject({ id: '320', price: 12, availability: 'low_stock' });
  });

  it('rejects a batch with any invalid item with per-item issues, and keeps the previous catalog', async () => {
    const shop = await shopWithCatalog(aisle.products);
    const bad = [
      { id: 'ok-1', title: 'Perfectly Fine Lantern', price: 30, currency: 'EUR' },
      { id: 'no-price', title: 'Priceless Lamp', currency: 'EUR' },
      { id: 'bad-currency', title: 'Odd Kettle', price: 20, currency: 'euro' },
      { id: 'neg', title: 'Negative Rope', price: -1, currency: 'EUR' },
    ];
    const res = await importCatalog(shop, { products: bad });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; issues: { path: unknown[]; message: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(/3 of 4 products are invalid; nothing was imported/);
    const byItem = new Map(body.error.issues.map((i) => [i.path[1], i]));
    expect([...byItem.keys()].sort()).toEqual([1, 2, 3]);
    expect(byItem.get(1)!.path).toEqual(['products', 1, 'price']);
    expect(byItem.get(1)!.message).toContain('"no-price"');
    expect(byItem.get(2)!.message).toContain('Odd Kettle');

    // Nothing of the bad batch is there; the old catalog answers as before.
    expect(await search(shop, 'lantern')).toEqual([]);
    expect(ids(await search(shop, 'rain jacket'))).toContain('tc-harbor-rain-jacket');
  });

  it('rejects duplicate ids and malformed Shopify items with paths into the item', async () => {
    const shop = await createShop();
    const dup = await importCatalog(shop, { products: [aisle.products[4], aisle.products[4]] });
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as any).error.issues[0]).toMatchObject({ path: ['products', 1, 'id'], message: expect.stringMatching(/duplicate id/) });

    const res = await importCatalog(shop, {
      format: 'shopify',
      currency: 'EUR',
      products: [{ id: 5, title: 'Broken', variants: [{ id: 1, price: 'cheap' }] }],
    });
    expect(res.status).toBe(400);
    const issue = ((await res.json()) as any).error.issues[0];
    expect(issue.path).toEqual(['products', 0, 'variants', 0, 'price']);
    expect(issue.message).toMatch(/not a price/);
  });

  it('upsert adds and updates products and keeps the others; replace drops the others', async () => {
    const shop = await shopWithCatalog(aisle.products);
    const up = await importCatalog(
      shop,
      {
        products: [
          { ...aisle.products[5], title: 'Enamel Camp Mug Large', price: 18 },
          { id: 'tc-lantern', title: 'Storm Lantern', price: 45, currency: 'EUR', description: 'A hurricane lantern.' },
        ],
      },
      'POST',
    );
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ mode: 'upsert', accepted: 2, total: 8 });
    expect((await search(shop, 'mug'))[0]).toMatchObject({ id: 'tc-enamel-mug', title: 'Enamel Camp Mug Large', price: 18 });
    expect(ids(await search(shop, 'lantern'))).toEqual(['tc-lantern']);
    expect(ids(await search(shop, 'beanie'))).toEqual(['tc-wool-beanie']);

    const replace = await importCatalog(shop, { products: [aisle.products[2]] });
    expect(await replace.json()).toEqual({ mode: 'replace', accepted: 1, total: 1 });
    expect(await search(shop, 'beanie')).toEqual([]);
    expect(await search(shop, 'mug')).toEqual([]);
    expect(ids(await search(shop, 'backpack'))).toEqual(['tc-canvas-backpack']);
  });

  it('multi-batch replacement: staged batches change nothing until the final one swaps them in', async () => {
    const shop = await shopWithCatalog([aisle.products[4]]);
    const first = await importCatalog(shop, { importId: 'imp-1', final: false, products: aisle.products.slice(0, 3) });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ mode: 'staged', accepted: 3, total: 3 });
    // Still the old catalog.
    expect(ids(await search(shop, 'beanie'))).toEqual(['tc-wool-beanie']);
    expect(await search(shop, 'rain jacket')).toEqual([]);

    const last = await importCatalog(shop, { importId: 'imp-1', final: true, products: aisle.products.slice(5) });
    expect(last.status).toBe(200);
    expect(await last.json()).toEqual({ mode: 'replace', accepted: 2, total: 5 });
    expect(await search(shop, 'beanie')).toEqual([]);
    expect(ids(await search(shop, 'rain jacket'))[0]).toBe('tc-harbor-rain-jacket');
    expect(ids(await search(shop, 'trousers'))).toEqual(['tc-trail-trousers']);
  });

  it('deletes one product', async () => {
    const shop = await shopWithCatalog(aisle.products);
    const del = await api(`/v1/shops/${shop.shopId}/catalog/products/tc-enamel-mug`, { method: 'DELETE', headers: auth(shop.adminKey) });
    expect(del.status).toBe(204);
    expect(await search(shop, 'mug')).toEqual([]);
    const again = await api(`/v1/shops/${shop.shopId}/catalog/products/tc-enamel-mug`, { method: 'DELETE', headers: auth(shop.adminKey) });
    expect(again.status).toBe(404);
  });

  it("needs this shop's admin key", async () => {
    const shop = await createShop();
    const other = await createShop();
    const none = await api(`/v1/shops/${shop.shopId}/catalog`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ products: [] }) });
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.code).toBe('unauthorized');
    expect((await importCatalog(shop, { products: aisle.products }, 'PUT', other.adminKey)).status).toBe(401);
    expect((await importCatalog(shop, { products: aisle.products }, 'POST', shop.agentKey)).status).toBe(401);
    const searchWithOther = await api(`/v1/shops/${shop.shopId}/catalog/search?q=jacket`, { headers: auth(other.adminKey) });
    expect(searchWithOther.status).toBe(401);
  });

  it('rejects a body that is not a catalog import', async () => {
    const shop = await createShop();
    const res = await importCatalog(shop, { format: 'magento', products: [] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.issues[0].path).toEqual(['format']);
  });
});
