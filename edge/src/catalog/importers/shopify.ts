import { z } from 'zod';
import type { Availability, ProductInput, Variant } from '../../../../shared/catalog';
import { htmlToText } from './html';

const IdLike = z.union([z.string().min(1), z.number()]).transform(String);
const Price = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v.trim());
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `not a price: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/** The product shape of Shopify's `/products.json` (storefront) and Admin REST API, fields we use. */
export const ShopifyProduct = z.looseObject({
  id: IdLike,
  title: z.string().trim().min(1, 'title is required'),
  handle: z.string().optional().nullable(),
  body_html: z.string().optional().nullable(),
  vendor: z.string().optional().nullable(),
  product_type: z.string().optional().nullable(),
  tags: z.union([z.string(), z.array(z.string())]).optional().nullable(),
  options: z.array(z.looseObject({ name: z.string(), position: z.number().int().optional() })).optional().nullable(),
  images: z.array(z.looseObject({ id: IdLike.optional(), src: z.string() })).optional().nullable(),
  variants: z
    .array(
      z.looseObject({
        id: IdLike,
        title: z.string().optional().nullable(),
        sku: z.string().optional().nullable(),
        price: Price,
        compare_at_price: Price.optional().nullable(),
        option1: z.string().optional().nullable(),
        option2: z.string().optional().nullable(),
        option3: z.string().optional().nullable(),
        available: z.boolean().optional(),
        inventory_quantity: z.number().int().optional().nullable(),
        inventory_policy: z.string().optional().nullable(),
        image_id: IdLike.optional().nullable(),
        featured_image: z.looseObject({ src: z.string() }).optional().nullable(),
      }),
    )
    .min(1, 'a Shopify product has at least one variant'),
  /** Not in Shopify's shape: lets a file carry its currency per product. */
  currency: z.string().optional(),
});
type ShopifyVariant = z.infer<typeof ShopifyProduct>['variants'][number];

const LOW_STOCK = 3;

function availabilityOf(v: ShopifyVariant): Availability {
  const qty = v.inventory_quantity;
  if (v.available === false) return 'out_of_stock';
  if (typeof qty === 'number') {
    if (qty <= 0) return v.inventory_policy === 'continue' ? 'preorder' : v.available === true ? 'in_stock' : 'out_of_stock';
    if (qty <= LOW_STOCK) return 'low_stock';
  }
  return 'in_stock';
}

/** Shopify product -> Aisle product (validated by the caller). */
export function fromShopify(p: z.infer<typeof ShopifyProduct>, currency: string | undefined): ProductInput {
  const optionNames = [...(p.options ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((o) => o.name);
  const imagesById = new Map((p.images ?? []).filter((i) => i.id).map((i) => [i.id!, i.src]));
  const variants: Variant[] = p.variants.map((v) => {
    const options: Record<string, string> = {};
    [v.option1, v.option2, v.option3].forEach((value, i) => {
      // Shopify gives single-variant products an option "Title" = "Default Title": not a real choice.
      if (!value || value === 'Default Title') return;
      options[optionNames[i] ?? `Option ${i + 1}`] = value;
    });
    const image = v.featured_image?.src ?? (v.image_id ? imagesById.get(v.image_id) : undefined);
    return {
      id: v.id,
      ...(v.sku ? { sku: v.sku } : {}),
      ...(v.title && v.title !== 'Default Title' ? { title: v.title } : {}),
      options,
      price: v.price,
      ...(v.compare_at_price ? { compareAtPrice: v.compare_at_price } : {}),
      availability: availabilityOf(v),
      ...(typeof v.inventory_quantity === 'number' ? { inventory: v.inventory_quantity } : {}),
      ...(image ? { image } : {}),
    };
  });
  const realVariants = variants.some((v) => Object.keys(v.options).length > 0);
  const tags = Array.isArray(p.tags) ? p.tags : (p.tags ?? '').split(',');
  return {
    id: p.id,
    title: p.title,
    ...(p.handle ? { handle: p.handle, url: `/products/${p.handle}` } : {}),
    description: htmlToText(p.body_html),
    ...(p.vendor ? { vendor: p.vendor } : {}),
    ...(p.product_type ? { category: p.product_type } : {}),
    tags: tags.map((t) => t.trim()).filter(Boolean),
    images: (p.images ?? []).map((i) => i.src),
    price: Math.min(...variants.map((v) => v.price!)),
    currency: (p.currency ?? currency) as string,
    // A product with only Shopify's default variant is shown as a product without variants.
    variants: realVariants ? variants : [],
    // Its cart still takes that variant's id (Add to cart, issue 18); real variants' ids are Shopify's own.
    ...(realVariants ? {} : { availability: variants[0].availability, platformVariantId: String(variants[0].id) }),
  };
}
