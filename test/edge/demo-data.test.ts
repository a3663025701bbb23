import { describe, expect, it } from 'vitest';
import { PolicyDocument, PolicyImport, Product } from '../../shared/catalog';
import { OrderStage } from '../../shared/chat';
import { CustomerRecord, OrderRecord } from '../../shared/order';
import catalogJson from '../../edge/src/demo/data/catalog.json';
import ordersJson from '../../edge/src/demo/data/orders.json';
import policiesJson from '../../edge/src/demo/data/policies.json';

/**
 * The demo shop's data is what a merchant-to-be sees first and what the hand-run
 * leak checks rely on, so it has to be valid, self-consistent and free of
 * personal strings outside the fields that hold them.
 */

// The files keep URLs relative (the schemas accept root-relative paths); both forms must validate.
const ORIGIN = 'https://demo.aisle.test';
const absolute = (path: string) => new URL(path, ORIGIN).href;

const rawProducts = (catalogJson as { products: Array<Record<string, unknown>> }).products;
const products = rawProducts.map((raw) =>
  Product.parse({
    ...raw,
    url: absolute(raw.url as string),
    images: (raw.images as string[]).map(absolute),
  }),
);
const rawPolicies = (policiesJson as { policies: Array<Record<string, unknown>> }).policies;
const policies = rawPolicies.map((raw) => PolicyDocument.parse({ ...raw, url: absolute(raw.url as string) }));
const customers = ordersJson.customers.map((c) => CustomerRecord.parse(c));
const orders = ordersJson.orders.map((o) => OrderRecord.parse(o));

// Vite inlines the illustrations at build time, so this also runs inside workerd (no node:fs).
const illustrations = import.meta.glob('../../edge/demo-site/img/*.svg', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const illustrationByPath = new Map(Object.entries(illustrations).map(([file, svg]) => [file.replace('../../edge/demo-site/img/', '/demo/img/'), svg]));

const productById = new Map(products.map((p) => [p.id, p]));
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const isBlue = (colour: string | undefined) => /blue/i.test(colour ?? '');

describe('demo catalog', () => {
  it('has a realistic number of products across the outdoor categories', () => {
    expect(products.length).toBeGreaterThanOrEqual(44);
    expect(products.length).toBeLessThanOrEqual(50);
    const categories = new Set(products.map((p) => p.category));
    for (const category of ['Jackets', 'Fleeces', 'Base layers', 'Trousers', 'Hiking boots', 'Trail running shoes', 'Backpacks', 'Tents', 'Sleeping bags', 'Accessories', 'Kids']) {
      expect(categories, category).toContain(category);
    }
    expect(new Set(products.map((p) => p.vendor)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(products.map((p) => p.currency))).toEqual(new Set(['EUR']));
  });

  it('uses unique ids, handles, relative product urls and images', () => {
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    expect(unique(rawProducts.map((p) => p.id))).toBe(true);
    expect(unique(rawProducts.map((p) => p.handle))).toBe(true);
    expect(unique(rawProducts.map((p) => p.url))).toBe(true);
    expect(unique(rawProducts.flatMap((p) => p.images as string[]))).toBe(true);
    for (const p of rawProducts) {
      expect(p.id).toMatch(/^nw-[a-z0-9-]+$/);
      expect(p.url).toBe(`/products/${p.handle}`);
      expect(p.images).toEqual([`/demo/img/${p.handle}.svg`]);
    }
    const variants = products.flatMap((p) => p.variants);
    expect(unique(variants.map((v) => v.id))).toBe(true);
    expect(unique(variants.map((v) => v.sku))).toBe(true);
  });

  it('has a small, titled illustration for every product image', () => {
    for (const p of products) {
      const path = new URL(p.images[0]).pathname;
      const svg = illustrationByPath.get(path);
      expect(svg, path).toBeDefined();
      expect(svg!.length, path).toBeLessThan(1536);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toContain(`<title>${p.title.replace(/&/g, '&amp;')}</title>`);
    }
    expect(illustrationByPath.size).toBe(products.length);
  });

  it('describes every product with concrete facts and purchasable variants', () => {
    for (const p of products) {
      expect(p.description.length, p.id).toBeGreaterThan(120);
      expect(p.description, p.id).toMatch(/\d/);
      expect(p.tags.length, p.id).toBeGreaterThan(2);
      expect(Object.keys(p.attributes).length, p.id).toBeGreaterThan(1);
      expect(p.variants.length, p.id).toBeGreaterThan(0);
      for (const v of p.variants) {
        for (const name of Object.keys(v.options)) expect(['Colour', 'Size']).toContain(name);
        if (v.price !== undefined) expect(v.price).toBeGreaterThanOrEqual(p.price);
      }
      // Colours must be findable by keyword search as well as by option.
      for (const colour of new Set(p.variants.map((v) => v.options.Colour).filter(Boolean))) {
        for (const part of colour!.toLowerCase().split('/')) expect(p.tags, `${p.id} ${part}`).toContain(part);
      }
    }
  });

  it('gives stock questions interesting answers', () => {
    const variants = products.flatMap((p) => p.variants.map((v) => ({ p, v })));
    const count = (a: string) => variants.filter(({ v }) => v.availability === a).length;
    expect(count('in_stock')).toBeGreaterThan(variants.length / 2);
    expect(count('low_stock')).toBeGreaterThan(0);
    expect(count('out_of_stock')).toBeGreaterThan(0);
    expect(count('preorder')).toBeGreaterThan(0);
    // "Do you have it in blue?": some blue is available, some blue is sold out in a size others still have.
    expect(variants.some(({ v }) => isBlue(v.options.Colour) && v.availability === 'in_stock')).toBe(true);
    expect(variants.some(({ v }) => isBlue(v.options.Colour) && v.options.Size === 'M' && v.availability === 'out_of_stock')).toBe(true);
    expect(variants.some(({ v }) => v.options.Size === '42' && v.availability === 'in_stock')).toBe(true);
    expect(variants.some(({ v }) => v.options.Size === '42' && v.availability === 'out_of_stock')).toBe(true);
    // A variant priced differently from its product (larger tent, longer sleeping bag).
    expect(variants.some(({ p, v }) => v.price !== undefined && v.price !== p.price)).toBe(true);
    // Near-duplicate names that a search has to tell apart.
    const titles = products.map((p) => p.title);
    expect(titles).toContain('Ridge 30 Backpack');
    expect(titles).toContain('Ridge 45 Backpack');
  });
});

describe('demo policies', () => {
  const required = ['shipping', 'returns-and-refunds', 'exchanges', 'warranty', 'payment-methods', 'privacy', 'contact-and-hours', 'size-guide'];

  it('covers every topic shoppers ask about, importable as one batch', () => {
    expect(policies.map((p) => p.id).sort()).toEqual([...required].sort());
    expect(() => PolicyImport.parse({ policies })).not.toThrow();
  });

  it('has sectioned markdown bodies of a readable length with concrete numbers', () => {
    for (const p of rawPolicies) {
      const body = p.body as string;
      expect(p.url).toBe(`/policies/${p.id}`);
      expect(words(body), String(p.id)).toBeGreaterThanOrEqual(250);
      expect(words(body), String(p.id)).toBeLessThanOrEqual(700);
      expect(body.match(/^## .+/gm)?.length ?? 0, String(p.id)).toBeGreaterThanOrEqual(3);
      expect(body, String(p.id)).toMatch(/\d/);
    }
    const contact = policies.find((p) => p.id === 'contact-and-hours')!;
    expect(contact.body).toContain('Europe/Berlin');
    const sizes = policies.find((p) => p.id === 'size-guide')!;
    for (const size of ['XS', 'XXL', '| 38 |', '| 47 |']) expect(sizes.body).toContain(size);
  });
});

describe('demo customers and orders', () => {
  const customerIds = customers.map((c) => c.id);

  it('has six customers with two to four orders each', () => {
    expect(customerIds).toEqual(['cus_1001', 'cus_1002', 'cus_1003', 'cus_1004', 'cus_1005', 'cus_1006']);
    for (const id of customerIds) {
      const mine = orders.filter((o) => o.customerId === id);
      expect(mine.length, id).toBeGreaterThanOrEqual(2);
      expect(mine.length, id).toBeLessThanOrEqual(4);
    }
    expect(orders.every((o) => o.customerId !== undefined && customerIds.includes(o.customerId))).toBe(true);
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length);
  });

  it('covers every order stage', () => {
    expect(new Set(orders.map((o) => o.stage))).toEqual(new Set(OrderStage.options));
  });

  it('only orders real catalog variants, at catalog prices', () => {
    for (const o of orders) {
      let goods = 0;
      for (const item of o.items) {
        const product = productById.get(item.productId!);
        expect(product, `${o.number} ${item.productId}`).toBeDefined();
        const variant = product!.variants.find((v) => v.id === item.variantId);
        expect(variant, `${o.number} ${item.variantId}`).toBeDefined();
        expect(item.name).toBe(product!.title);
        expect(item.options).toEqual(variant!.options);
        expect(item.price).toBe(variant!.price ?? product!.price);
        goods += item.price! * item.quantity;
      }
      expect(o.currency).toBe('EUR');
      expect(o.total, o.number).toBeGreaterThanOrEqual(goods);
      expect(o.total! - goods, `${o.number} shipping`).toBeLessThan(30);
    }
  });

  it('has consistent fulfilments and the demo scenarios the README promises', () => {
    for (const o of orders) {
      for (const f of o.fulfilments) {
        expect(['DHL', 'DPD', 'UPS', 'Hermes']).toContain(f.carrier);
        expect(f.trackingNumber!.length, o.number).toBeGreaterThanOrEqual(12);
        expect(Number.isNaN(Date.parse(f.shippedAt!))).toBe(false);
        expect(Date.parse(f.shippedAt!)).toBeGreaterThanOrEqual(Date.parse(o.placedAt!));
        if (f.deliveredAt) expect(Date.parse(f.deliveredAt)).toBeGreaterThan(Date.parse(f.shippedAt!));
        for (const name of f.itemNames ?? []) expect(o.items.map((i) => i.name)).toContain(name);
      }
      if (['shipped', 'out_for_delivery', 'delivered', 'returned'].includes(o.stage)) expect(o.fulfilments.length, o.number).toBeGreaterThan(0);
      if (['received', 'processing', 'cancelled'].includes(o.stage)) expect(o.fulfilments, o.number).toEqual([]);
    }
    const trackingNumbers = orders.flatMap((o) => o.fulfilments.map((f) => f.trackingNumber));
    expect(new Set(trackingNumbers).size).toBe(trackingNumbers.length);
    expect(orders.some((o) => o.fulfilments.length >= 2)).toBe(true);
    expect(orders.some((o) => o.customerId === 'cus_1001' && o.stage === 'shipped' && o.fulfilments[0]?.trackingNumber)).toBe(true);
    expect(orders.some((o) => o.customerId === 'cus_1002' && o.stage === 'processing')).toBe(true);
  });
});

describe('personal marker strings', () => {
  const markersOf = (id: string) => {
    const customer = customers.find((c) => c.id === id)!;
    const mine = orders.filter((o) => o.customerId === id);
    const address = mine.flatMap((o) => Object.values(o.shippingAddress ?? {})).filter((v) => /MARKER/.test(v));
    const last4 = mine.map((o) => o.payment?.last4).filter((v): v is string => Boolean(v));
    return { email: customer.email!, phone: customer.phone!, address: [...new Set(address)], last4: [...new Set(last4)] };
  };

  it('gives every customer distinctive email, phone, address and card markers', () => {
    const all: string[] = [];
    for (const id of customerIds()) {
      const m = markersOf(id);
      expect(m.email).toMatch(/^marker\.email\.\d{4}@example\.test$/);
      expect(m.phone).toMatch(/^MARKER-PHONE-\d{4}$/);
      expect(m.address.length, id).toBeGreaterThanOrEqual(2);
      expect(m.last4.length, id).toBeLessThanOrEqual(1);
      for (const v of m.last4) expect(v).toMatch(/^\d{4}$/);
      all.push(m.email, m.phone, ...m.address, ...m.last4);
    }
    expect(new Set(all).size).toBe(all.length);
    // Every order keeps its address in the personal field; most are paid by card so last4 can be checked.
    for (const o of orders) expect(o.shippingAddress?.line1, o.number).toMatch(/^MARKER-ADDR-\d{4} /);
    expect(orders.filter((o) => o.payment?.last4).length).toBeGreaterThanOrEqual(orders.length / 2);
  });

  it('never appear outside the personal fields of any data file', () => {
    const publicView = JSON.stringify({
      catalog: catalogJson,
      policies: policiesJson,
      customers: ordersJson.customers.map(({ email: _e, phone: _p, ...rest }) => rest),
      orders: ordersJson.orders.map(({ shippingAddress: _a, payment: _p, ...rest }) => rest),
    });
    // Boolean checks: a failure names the marker instead of printing the whole data set.
    expect(/marker/i.test(publicView), 'a MARKER string outside the personal fields').toBe(false);
    for (const id of customerIds()) {
      for (const value of Object.values(markersOf(id)).flat()) expect(publicView.includes(value), `${value} appears outside the personal fields`).toBe(false);
    }
  });

  function customerIds() {
    return customers.map((c) => c.id);
  }
});
