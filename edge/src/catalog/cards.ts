import type { ProductCard } from '../../../shared/chat';
import type { ShopSettings } from '../../../shared/shop';
import type { ProductHit } from './search';
import { summarizeAvailability } from './store';

/** Resolves a root-relative path against the storefront origin; absolute URLs pass through. */
export function resolveUrl(urlOrPath: string | undefined, publicOrigin: string): string | undefined {
  if (!urlOrPath) return undefined;
  try {
    return new URL(urlOrPath, publicOrigin).href;
  } catch {
    return undefined;
  }
}

/** What the shopper sees for a hit: price, stock and picture of the matching variant when there is one. */
export function toProductCard(hit: Pick<ProductHit, 'product' | 'variant'>, publicOrigin: string, platform?: ShopSettings['platform']): ProductCard {
  const { product, variant } = hit;
  const card: ProductCard = {
    id: product.id,
    title: product.title,
    price: variant?.price ?? product.price,
    currency: product.currency,
    availability: variant?.availability ?? summarizeAvailability(product),
  };
  const image = resolveUrl(variant?.image ?? product.images[0], publicOrigin);
  if (image) card.image = image;
  const url = resolveUrl(product.url, publicOrigin);
  if (url) card.url = url;
  if (variant) {
    card.variant = {
      id: variant.id,
      title: variant.title ?? Object.values(variant.options).join(' / '),
      options: variant.options,
      price: variant.price ?? product.price,
      availability: variant.availability,
    };
  }
  // Add to cart (v1.2): only on a platform with a storefront cart, and only for one buyable item
  // (the matching variant, or a product without variants); a sold-out one is the cart's to refuse.
  const cartId = variant ? (variant.platformId ?? variant.id) : product.variants.length === 0 ? product.platformVariantId : undefined;
  if ((platform === 'shopify' || platform === 'woocommerce') && cartId) card.cart = { platform, id: cartId };
  return card;
}
