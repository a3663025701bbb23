import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageContext } from '../../shared/chat';
import { fromJsonLd, readPageContext } from '../../widget/src/lib/page-context';

/** Issue 18: the page's schema.org Product JSON-LD as real themes emit it, read into the chat's `context`. */
const ld = (...nodes: unknown[]) => nodes.map((n) => JSON.stringify(n));

// Shopify (Dawn-like): a Product, `offers` an array, each offer's URL naming its variant.
const shopify = {
  '@context': 'http://schema.org/',
  '@type': 'Product',
  name: 'Stormline 3L Shell Jacket',
  url: 'https://shop.example/products/stormline-jacket',
  sku: 'NW-STL-LABL-XS',
  offers: [
    { '@type': 'Offer', sku: 'NW-STL-LABL-XS', price: '279.00', url: 'https://shop.example/products/stormline-jacket?variant=4101' },
    { '@type': 'Offer', sku: 'NW-STL-LABL-M', price: '279.00', url: 'https://shop.example/products/stormline-jacket?variant=4103' },
  ],
};
// WooCommerce (Yoast / WooCommerce structured data): an @graph with the product in it.
const woo = {
  '@context': 'https://schema.org/',
  '@graph': [
    { '@type': 'BreadcrumbList', itemListElement: [] },
    { '@type': 'Product', '@id': 'https://shop.example/product/harbour-tee/#product', name: 'Harbour Tee', sku: 'HT-01', offers: [{ '@type': 'Offer', price: '25.00' }] },
  ],
};
// PrestaShop and newer themes: a ProductGroup with hasVariant.
const group = {
  '@context': 'https://schema.org',
  '@type': 'ProductGroup',
  productGroupID: 'tent-2p',
  name: 'Ridge 2P Tent',
  hasVariant: [
    { '@type': 'Product', sku: 'RT-GRN', productID: '901', offers: { '@type': 'Offer', price: 349 } },
    { '@type': 'Product', sku: 'RT-ORG', productID: '902', offers: { '@type': 'Offer', price: 349 } },
  ],
};

describe('reading Product JSON-LD', () => {
  it('a Shopify product with an offers array: the product, its handle, and the variant the URL names', () => {
    expect(fromJsonLd(ld(shopify), 'https://shop.example/products/stormline-jacket?variant=4103')).toEqual({
      product: { id: 'NW-STL-LABL-XS', sku: 'NW-STL-LABL-XS', handle: 'stormline-jacket' },
      variant: { id: '4103' },
    });
    // No variant chosen and several offers: no variant is guessed.
    expect(fromJsonLd(ld(shopify), 'https://shop.example/products/stormline-jacket').variant).toBeUndefined();
  });

  it('an @graph (WooCommerce): the Product among other nodes, its single offer with no SKU names no variant', () => {
    expect(fromJsonLd(ld(woo), 'https://shop.example/product/harbour-tee/')).toEqual({ product: { id: 'HT-01', sku: 'HT-01', handle: 'harbour-tee' } });
  });

  it('a ProductGroup with hasVariant: the group id, and the variant by its platform id', () => {
    expect(fromJsonLd(ld(group), 'https://shop.example/tents/ridge?variant=902')).toEqual({ product: { id: 'tent-2p' }, variant: { id: '902' } });
    expect(fromJsonLd(ld(group), 'https://shop.example/tents/ridge')).toEqual({ product: { id: 'tent-2p' } });
  });

  it('an array of nodes, schema.org URLs as @type, and a single offer with a SKU as the variant', () => {
    const arr = [{ '@type': 'Organization', name: 'Shop' }, { '@type': ['https://schema.org/Product'], productID: 'p-1', offers: { '@type': 'Offer', sku: 'P1-RED' } }];
    expect(fromJsonLd(ld(arr), 'https://shop.example/p/1')).toEqual({ product: { id: 'p-1' }, variant: { id: 'P1-RED', sku: 'P1-RED' } });
  });

  it('ignores broken JSON, pages without a product, and ids the server would refuse', () => {
    expect(fromJsonLd(['{ "@type": "Product", ', ...ld({ '@type': 'WebSite', name: 'x' })], 'https://shop.example/')).toEqual({});
    expect(fromJsonLd(ld({ '@type': 'Product', sku: 'x'.repeat(201) }), 'https://shop.example/')).toEqual({});
  });
});

describe('readPageContext', () => {
  const page = (href: string, scripts: string[], tagged?: Record<string, string>) => {
    const u = new URL(href);
    vi.stubGlobal('location', { href, origin: u.origin, pathname: u.pathname, protocol: u.protocol });
    vi.stubGlobal('document', {
      querySelector: (sel: string) => (sel === '[data-aisle-product]' && tagged ? { dataset: tagged } : null),
      querySelectorAll: () => scripts.map((textContent) => ({ textContent })),
    });
  };
  afterEach(() => vi.unstubAllGlobals());

  it('sends the URL without query or fragment, and never a title or price', () => {
    page('https://shop.example/products/stormline-jacket?variant=4103&email=a@b.test#reviews', ld(shopify));
    const ctx = readPageContext();
    expect(ctx.page).toEqual({ url: 'https://shop.example/products/stormline-jacket' });
    expect(JSON.stringify(ctx)).not.toMatch(/Stormline 3L|279|email/);
    expect(PageContext.safeParse(ctx).success).toBe(true);
  });

  it('setContext wins over data-* attributes, which win over JSON-LD; bad cart lines are left out', () => {
    page('https://shop.example/products/stormline-jacket', ld(shopify), { aisleProduct: 'tagged-1', aisleVariant: 'tagged-1-m' });
    expect(readPageContext()).toMatchObject({ product: { id: 'tagged-1' }, variant: { id: 'tagged-1-m' } });
    const given = readPageContext({ product: 'given-1', cart: { lines: [{ productId: 'given-1', quantity: 2 }, { productId: '', quantity: 1 }, { productId: 'x', quantity: 0 }, { productId: 'y', quantity: 1.5 }] } });
    expect(given).toMatchObject({ product: { id: 'given-1' }, cart: { lines: [{ productId: 'given-1', quantity: 2 }] } });
    expect(PageContext.safeParse(given).success).toBe(true);
  });

  it('a page that is not http(s) sends no URL', () => {
    page('file:///tmp/shop.html', []);
    expect(readPageContext()).toEqual({});
  });
});
