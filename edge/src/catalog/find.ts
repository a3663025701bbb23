import type { ProductCard } from '../../../shared/chat';
import type { Product } from '../../../shared/catalog';
import { resolveUrl, toProductCard } from './cards';
import type { ShopSettings } from '../../../shared/shop';
import { searchCatalog, type CatalogQuery, type ProductHit } from './search';
import { getProduct, summarizeAvailability } from './store';

/** How many cards a search shows the shopper. */
export const CARDS_SHOWN = 4;

/** First sentence-ish of a description, for the model; the full text is behind getProduct. */
export const shortDescription = (text: string, max = 200) => {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const end = clean.lastIndexOf('. ', max);
  return end > 60 ? clean.slice(0, end + 1) : clean.slice(0, max) + '…';
};

/** A product as a reader of a search result needs it: no personal data, the matched variant when there is one. */
export interface ProductSummary {
  id: string;
  title: string;
  category?: string;
  price: number;
  currency: string;
  availability: string;
  matchedVariant?: { id: string; options: Record<string, string>; availability: string };
  description: string;
  url?: string;
}

export interface FoundProducts {
  hits: ProductHit[];
  /** The cards a shopper would be shown (the first `CARDS_SHOWN` hits). */
  cards: ProductCard[];
  products: ProductSummary[];
}

/**
 * Searches the shop's catalog. A query: no side effects, nothing shown, nothing recorded; the
 * caller shows the cards and records them when it sends them.
 */
/** `platform` (the shop's settings.platform) puts Add to cart data on cards that name one buyable item. */
export async function findProducts(db: D1Database, shopId: string, query: CatalogQuery, publicOrigin: string, platform?: ShopSettings['platform']): Promise<FoundProducts> {
  const hits = await searchCatalog(db, shopId, { ...query, limit: query.limit ?? 8 });
  return {
    hits,
    cards: hits.slice(0, CARDS_SHOWN).map((h) => toProductCard(h, publicOrigin, platform)),
    products: hits.map((h) => ({
      id: h.product.id,
      title: h.product.title,
      ...(h.product.category ? { category: h.product.category } : {}),
      price: h.variant?.price ?? h.product.price,
      currency: h.product.currency,
      availability: h.variant?.availability ?? summarizeAvailability(h.product),
      ...(h.variant ? { matchedVariant: { id: h.variant.id, options: h.variant.options, availability: h.variant.availability } } : {}),
      description: shortDescription(h.product.description),
      ...(h.product.url ? { url: resolveUrl(h.product.url, publicOrigin) } : {}),
    })),
  };
}

/** Every fact of one product, as its card and as facts to read (all variants, attributes, description). */
export interface ProductDetails {
  product: Product;
  card: ProductCard;
  facts: {
    id: string;
    title: string;
    vendor?: string;
    category?: string;
    price: number;
    currency: string;
    availability: string;
    description: string;
    attributes: Product['attributes'];
    tags: Product['tags'];
    url?: string;
    variants: { id: string; options: Record<string, string>; price: number; availability: string }[];
    moreVariants?: number;
  };
}

/** One product by id or handle; null when the shop has none. A query: no side effects. */
export async function readProduct(db: D1Database, shopId: string, idOrHandle: string, publicOrigin: string, platform?: ShopSettings['platform']): Promise<ProductDetails | null> {
  const product = await getProduct(db, shopId, idOrHandle);
  if (!product) return null;
  return {
    product,
    card: toProductCard({ product }, publicOrigin, platform),
    facts: {
      id: product.id,
      title: product.title,
      ...(product.vendor ? { vendor: product.vendor } : {}),
      ...(product.category ? { category: product.category } : {}),
      price: product.price,
      currency: product.currency,
      availability: summarizeAvailability(product),
      description: product.description,
      attributes: product.attributes,
      tags: product.tags,
      ...(product.url ? { url: resolveUrl(product.url, publicOrigin) } : {}),
      variants: product.variants.slice(0, 100).map((v) => ({ id: v.id, options: v.options, price: v.price ?? product.price, availability: v.availability })),
      ...(product.variants.length > 100 ? { moreVariants: product.variants.length - 100 } : {}),
    },
  };
}
