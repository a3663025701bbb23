import type { PageContext } from '../../../shared/chat';

/**
 * What the shopper is looking at, sent with each message (chat contract v1.1 `context`, v1.2 adds
 * `sku` and `handle`). A lazy chunk, fetched when the panel is shown. In order of precedence:
 * `Aisle.setContext({ product, variant, cart })`, then `data-aisle-product` / `data-aisle-variant`
 * on any element, then the page's schema.org Product JSON-LD (what Shopify, WooCommerce and
 * PrestaShop themes emit: a Product, an array, an `@graph`, `offers` as an array, a ProductGroup
 * with `hasVariant`). Only references are sent, never the page's titles or prices, and the URL
 * without query or fragment; the server keeps what its catalog knows and drops the rest.
 */
export interface GivenContext {
  product?: string | { id: string; sku?: string; handle?: string };
  variant?: string | { id: string; sku?: string };
  cart?: { lines: { productId: string; variantId?: string; quantity: number }[] };
}

type Ref = { id: string; sku?: string; handle?: string };
type Node = Record<string, unknown>;

/** A reference the server accepts (1..200 characters), or nothing: a bad one must not cost the message. */
const ref = (v: unknown): string | undefined => {
  const s = typeof v == 'string' || typeof v == 'number' ? String(v).trim() : '';
  return s && s.length <= 200 ? s : undefined;
};

const refOf = (v: GivenContext['product']): Ref | undefined => {
  const o = (typeof v == 'object' && v) || { id: v as string };
  const id = ref(o.id);
  return id ? { id, ...(ref(o.sku) ? { sku: ref(o.sku) } : {}), ...('handle' in o && ref(o.handle) ? { handle: ref(o.handle) } : {}) } : undefined;
};

const list = (v: unknown): Node[] => (Array.isArray(v) ? v : v && typeof v == 'object' ? [v as Node] : []);
const isType = (n: Node, t: string) => [n['@type']].flat().some((x) => String(x).replace(/^https?:\/\/schema\.org\//, '') == t);

/** Every node of every JSON-LD block: arrays and `@graph`s flattened. */
function nodes(blocks: string[]): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown) => list(v).forEach((n) => (out.push(n), walk(n['@graph'])));
  for (const b of blocks) {
    try {
      walk(JSON.parse(b));
    } catch {
      /* a theme's broken JSON-LD: ignored */
    }
  }
  return out;
}

/** The product (and, when the page says which, the variant) of JSON-LD blocks. `href`: the page's URL. */
export function fromJsonLd(blocks: string[], href: string): { product?: Ref; variant?: Ref } {
  const all = nodes(blocks);
  const group = all.find((n) => isType(n, 'ProductGroup'));
  const product = group ?? all.find((n) => isType(n, 'Product'));
  if (!product) return {};
  const url = new URL(href);
  // Shopify themes name the selected variant in the URL (?variant=<platform id>).
  const chosen = ref(url.searchParams.get('variant'));
  const variants = group ? list(group.hasVariant) : list(product.offers);
  const sku = (n: Node) => ref(n.sku);
  const picked = variants.find((v) => chosen && (ref(v.productID) == chosen || String(v.url ?? '').includes(`variant=${chosen}`))) ?? (variants.length == 1 ? variants[0] : undefined);
  const id = ref(group ? (group.productGroupID ?? group.sku) : (product.productID ?? product.sku)) ?? ref(product['@id']) ?? sku(variants[0] ?? {});
  // Shopify and PrestaShop themes: /products/<handle>; WooCommerce: /product/<slug>.
  const path = url.pathname.split('/');
  const handle = path[path.findIndex((p) => p == 'products' || p == 'product') + 1];
  return {
    ...(id ? { product: { id, ...(sku(product) ? { sku: sku(product) } : {}), ...(ref(handle) ? { handle: ref(handle) } : {}) } } : {}),
    ...(chosen ? { variant: { id: chosen } } : picked && sku(picked) ? { variant: { id: sku(picked)!, sku: sku(picked) } } : {}),
  };
}

/** The context of this page, for one message. */
export function readPageContext(given: GivenContext = {}): PageContext {
  const tagged = document.querySelector<HTMLElement>('[data-aisle-product]')?.dataset;
  const read = given.product || tagged ? {} : fromJsonLd([...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? ''), location.href);
  const product = refOf(given.product) ?? refOf(tagged?.aisleProduct) ?? read.product;
  const variant = refOf(given.variant) ?? refOf(tagged?.aisleVariant) ?? read.variant;
  const lines = (given.cart?.lines ?? [])
    .slice(0, 50)
    .flatMap((l) => (ref(l.productId) && Number.isInteger(l.quantity) && l.quantity > 0 && l.quantity < 1000 ? [{ productId: ref(l.productId)!, ...(ref(l.variantId) ? { variantId: ref(l.variantId) } : {}), quantity: l.quantity }] : []));
  const url = location.origin + location.pathname;
  return {
    ...(location.protocol.startsWith('http') && url.length <= 2000 ? { page: { url } } : {}),
    ...(product ? { product } : {}),
    ...(variant ? { variant: { id: variant.id, ...(variant.sku ? { sku: variant.sku } : {}) } } : {}),
    ...(lines.length ? { cart: { lines } } : {}),
  };
}
