import { z } from 'zod';

/** Aisle's own catalog format: what `PUT /v1/shops/:shop/catalog` accepts. */

const Id = z.string().trim().min(1).max(128);
const Money = z.number().finite().nonnegative().max(10_000_000);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR');

/** An absolute http(s) URL, or a root-relative path resolved against the shop's storefront origin. */
export const UrlOrPath = z.union([
  z.url({ protocol: /^https?$/ }),
  z.string().regex(/^\/(?!\/)\S*$/, 'an http(s) URL or a path starting with /'),
]);

export const Availability = z.enum(['in_stock', 'low_stock', 'out_of_stock', 'preorder']);
export type Availability = z.infer<typeof Availability>;

export const Variant = z.object({
  id: Id,
  sku: z.string().max(128).optional(),
  title: z.string().max(300).optional(),
  /** Option name to value, e.g. { "Colour": "Blue", "Size": "M" }. */
  options: z.record(z.string().min(1).max(60), z.string().min(1).max(120)).default({}),
  price: Money.optional(),
  compareAtPrice: Money.optional(),
  availability: Availability.default('in_stock'),
  inventory: z.number().int().optional(),
  image: UrlOrPath.optional(),
  /**
   * Added in v1.2: the id the shop platform's storefront cart takes for this variant (Shopify's
   * variant id, WooCommerce's variation id), when it is not `id` itself. Importers keep it.
   */
  platformId: z.string().max(128).optional(),
});
export type Variant = z.infer<typeof Variant>;

export const Product = z.object({
  id: Id,
  title: z.string().trim().min(1).max(300),
  handle: z.string().max(200).optional(),
  url: UrlOrPath.optional(),
  description: z.string().max(20_000).default(''),
  vendor: z.string().max(200).optional(),
  category: z.string().max(200).optional(),
  tags: z.array(z.string().max(100)).max(100).default([]),
  images: z.array(UrlOrPath).max(50).default([]),
  price: Money,
  currency: Currency,
  variants: z.array(Variant).max(500).default([]),
  /**
   * Added in v1.2: the storefront cart id of a product without variants (Shopify's single default
   * variant, a WooCommerce simple product). Importers keep it.
   */
  platformVariantId: z.string().max(128).optional(),
  /** Stock of a product without variants (with variants, each variant has its own). */
  availability: Availability.optional(),
  /** Free-form facts (material, weight, fit...) shoppers may ask about. */
  attributes: z.record(z.string().max(60), z.union([z.string().max(2000), z.number(), z.boolean()])).default({}),
});
export type Product = z.infer<typeof Product>;
export type ProductInput = z.input<typeof Product>;

export const PolicyDocument = z.object({
  id: Id,
  title: z.string().trim().min(1).max(300),
  url: UrlOrPath.optional(),
  body: z.string().min(1).max(200_000),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

export const CatalogFormat = z.enum(['aisle', 'shopify', 'woocommerce']);
export type CatalogFormat = z.infer<typeof CatalogFormat>;

/** Request body of `PUT` (replace) and `POST` (upsert) `/v1/shops/:shop/catalog`. */
export const CatalogImport = z.object({
  format: CatalogFormat.default('aisle'),
  /** Items in the chosen format; validated one by one so errors name the item. */
  products: z.array(z.unknown()).max(2000),
  /**
   * Large replacements come in batches. Batches with the same importId are
   * staged; the one with `final: true` swaps them in at once.
   */
  importId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  final: z.boolean().default(true),
  /** Currency of formats whose items carry none (Shopify's products.json). */
  currency: Currency.optional(),
});
export type CatalogImport = z.input<typeof CatalogImport>;

export const PolicyImport = z.object({
  policies: z.array(PolicyDocument).min(1).max(200),
});

export const CatalogImportResult = z.object({
  mode: z.enum(['replace', 'upsert', 'staged']),
  accepted: z.number().int(),
  total: z.number().int().optional(),
});

/** A passage of a policy document, returned so an answer can cite it. */
export const PolicyPassage = z.object({
  id: z.string(),
  documentId: z.string(),
  title: z.string(),
  url: z.string().optional(),
  heading: z.string().optional(),
  text: z.string(),
});
export type PolicyPassage = z.infer<typeof PolicyPassage>;
