import { z } from 'zod';
import type { Availability, ProductInput, Variant } from '../../../../shared/catalog';
import { htmlToText } from './html';

const IdLike = z.union([z.string().min(1), z.number()]).transform(String);
const MinorUnits = z.union([z.string().regex(/^\d+$/, 'a price in minor units, e.g. "1999"'), z.number().int().nonnegative()]).transform(Number);

/** The product shape of the WooCommerce Store API (`/wp-json/wc/store/v1/products`), fields we use. */
export const WooProduct = z.looseObject({
  id: IdLike,
  name: z.string().trim().min(1, 'name is required'),
  slug: z.string().optional().nullable(),
  permalink: z.string().optional().nullable(),
  sku: z.string().optional().nullable(),
  description: z.string().optional().nullable(),
  short_description: z.string().optional().nullable(),
  prices: z.looseObject({
    price: MinorUnits,
    regular_price: MinorUnits.optional().nullable(),
    currency_code: z.string(),
    currency_minor_unit: z.number().int().min(0).max(4).default(2),
    price_range: z.looseObject({ min_amount: MinorUnits, max_amount: MinorUnits }).optional().nullable(),
  }),
  categories: z.array(z.looseObject({ name: z.string() })).optional().nullable(),
  tags: z.array(z.looseObject({ name: z.string() })).optional().nullable(),
  images: z.array(z.looseObject({ src: z.string() })).optional().nullable(),
  attributes: z
    .array(
      z.looseObject({
        name: z.string(),
        taxonomy: z.string().optional().nullable(),
        has_variations: z.boolean().optional(),
        terms: z.array(z.looseObject({ name: z.string(), slug: z.string().optional() })).default([]),
      }),
    )
    .optional()
    .nullable(),
  variations: z
    .array(z.looseObject({ id: IdLike, attributes: z.array(z.looseObject({ name: z.string(), value: z.string().nullable() })).default([]) }))
    .optional()
    .nullable(),
  is_in_stock: z.boolean().optional(),
  is_on_backorder: z.boolean().optional(),
  low_stock_remaining: z.number().int().optional().nullable(),
});
type Woo = z.infer<typeof WooProduct>;

function availabilityOf(p: Woo): Availability {
  if (p.is_in_stock === false) return 'out_of_stock';
  if (p.is_on_backorder) return 'preorder';
  if (typeof p.low_stock_remaining === 'number') return p.low_stock_remaining > 0 ? 'low_stock' : 'out_of_stock';
  return 'in_stock';
}

const norm = (s: string) => s.toLowerCase().replace(/^pa_/, '').replace(/[\s_-]+/g, '');

/**
 * WooCommerce Store API product -> Aisle product. The list endpoint gives variations only as
 * attribute slugs (no own price or stock), so variants share the product's price and stock.
 */
export function fromWooCommerce(p: Woo): ProductInput {
  const unit = 10 ** p.prices.currency_minor_unit;
  const price = (p.prices.price_range?.min_amount ?? p.prices.price) / unit;
  const availability = availabilityOf(p);
  const attributes: Record<string, string> = {};
  const termNames = new Map<string, Map<string, string>>();
  for (const a of p.attributes ?? []) {
    termNames.set(norm(a.name), new Map(a.terms.map((t) => [t.slug ?? t.name, t.name])));
    if (a.taxonomy) termNames.set(norm(a.taxonomy), termNames.get(norm(a.name))!);
    if (!a.has_variations && a.terms.length) attributes[a.name.slice(0, 60)] = a.terms.map((t) => t.name).join(', ');
  }
  const variants: Variant[] = (p.variations ?? []).map((v) => {
    const options: Record<string, string> = {};
    for (const a of v.attributes) {
      if (!a.value) continue;
      const names = termNames.get(norm(a.name));
      const label = (p.attributes ?? []).find((x) => norm(x.name) === norm(a.name) || (x.taxonomy && norm(x.taxonomy) === norm(a.name)))?.name ?? a.name;
      options[label] = names?.get(a.value) ?? a.value;
    }
    return { id: v.id, options, price, availability };
  });
  const description = [htmlToText(p.short_description), htmlToText(p.description)].filter(Boolean);
  return {
    id: p.id,
    title: p.name,
    ...(p.slug ? { handle: p.slug } : {}),
    ...(p.permalink ? { url: p.permalink } : {}),
    description: [...new Set(description)].join('\n\n').slice(0, 20_000),
    ...(p.categories?.length ? { category: p.categories[0].name } : {}),
    tags: [...(p.categories ?? []).slice(1).map((c) => c.name), ...(p.tags ?? []).map((t) => t.name)],
    images: (p.images ?? []).map((i) => i.src),
    price,
    currency: p.prices.currency_code.toUpperCase(),
    variants,
    // The Store API's add-item takes a simple product's own id (a variation's id is its variant id).
    ...(variants.length ? {} : { availability, platformVariantId: String(p.id) }),
    attributes,
  };
}
