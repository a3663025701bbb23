import type { PageContext } from '../../../shared/chat';
import type { Product, Variant } from '../../../shared/catalog';
import { getProduct } from '../catalog/store';
import type { ShopRecord } from '../shops/store';

/**
 * What the page said, kept only where the shop's own catalog knows it (issue 18). The page is the
 * shopper's browser and the shop's theme: it can name another shop's product, carry junk, or put
 * tokens and emails in its URL. So nothing from it is passed on as text: a product and variant
 * the catalog has (by id, handle, SKU or platform id), cart lines that resolve, and the page URL
 * without query or fragment when it is on one of the shop's origins. Titles are never read.
 */
export interface ResolvedContext {
  /** The product the shopper is looking at, as the catalog has it; `variant` when the page names one of its variants. */
  focus?: { product: Product; variant?: Variant };
  cart: { productId: string; variantId?: string; quantity: number }[];
  /** Origin and path only. */
  url?: string;
  /** The shopper came to `focus`'s page since the previous turn (see arrivedOnProduct). */
  arrived?: boolean;
  /** What the page sent that was not kept (names of fields, never their values). */
  dropped: string[];
}

/** What the audit record keeps of a turn's page context: ids, the bare URL and what was dropped. */
export const contextRecord = (r: ResolvedContext) => ({
  url: r.url ?? null,
  productId: r.focus?.product.id ?? null,
  variantId: r.focus?.variant?.id ?? null,
  cart: r.cart,
  dropped: r.dropped,
});

/** A variant of `product` named by one of the page's references (our id, the platform's id, or its SKU). */
const variantOf = (product: Product, refs: (string | undefined)[]) =>
  product.variants.find((v) => refs.some((r) => r && (v.id === r || v.platformId === r || (v.sku && v.sku === r))));

/**
 * A product of this shop by any reference a page may carry: our id or handle, then a SKU or a
 * platform id of one of its variants (JSON-LD often names the selected variant's SKU only).
 */
export async function findCatalogItem(db: D1Database, shopId: string, refs: (string | undefined)[]): Promise<{ product: Product; variant?: Variant } | null> {
  for (const ref of refs) {
    if (!ref) continue;
    const product = await getProduct(db, shopId, ref);
    if (product) return { product };
  }
  const named = refs.filter((r): r is string => Boolean(r));
  if (named.length === 0) return null;
  const marks = named.map((_, i) => `?${i + 2}`).join(', ');
  const row = await db
    .prepare(
      `SELECT p.data FROM products p LEFT JOIN json_each(p.data, '$.variants') v
       WHERE p.shop_id = ?1 AND (json_extract(p.data, '$.platformVariantId') IN (${marks})
         OR json_extract(v.value, '$.sku') IN (${marks}) OR json_extract(v.value, '$.platformId') IN (${marks}) OR json_extract(v.value, '$.id') IN (${marks}))
       LIMIT 1`,
    )
    .bind(shopId, ...named)
    .first<{ data: string }>();
  if (!row) return null;
  const product = JSON.parse(row.data) as Product;
  return { product, variant: variantOf(product, named) };
}

/** The path segment after `/products/` (Shopify, PrestaShop) or `/product/` (WooCommerce): a handle. */
function handleFromPath(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  const at = parts.findIndex((p) => p === 'products' || p === 'product');
  return at >= 0 && parts[at + 1] ? decodeURIComponent(parts[at + 1]!) : undefined;
}

/** Resolves the page context of one turn against the shop's catalog; see ResolvedContext. */
export async function resolvePageContext(db: D1Database, shop: ShopRecord, context: PageContext | undefined, publicOrigin: string): Promise<ResolvedContext> {
  const out: ResolvedContext = { cart: [], dropped: [] };
  if (!context) return out;
  let path: string | undefined;
  if (context.page) {
    const u = new URL(context.page.url);
    if ([...shop.allowedOrigins, publicOrigin].includes(u.origin)) {
      out.url = u.origin + u.pathname;
      path = u.pathname;
    } else out.dropped.push('page');
  }
  const { product, variant } = context;
  if (product || variant) {
    const found = product
      ? await findCatalogItem(db, shop.id, [product.id, product.handle, product.sku])
      : await findCatalogItem(db, shop.id, [variant!.id, variant!.sku]);
    if (found) {
      const chosen = variant ? variantOf(found.product, [variant.id, variant.sku]) : found.variant;
      if (variant && !chosen) out.dropped.push('variant');
      out.focus = { product: found.product, ...(chosen ? { variant: chosen } : {}) };
    } else out.dropped.push(...(product ? ['product'] : []), ...(variant ? ['variant'] : []));
  } else if (path && handleFromPath(path)) {
    // No product named, but a product page of the shop's own origin: its handle.
    const p = await getProduct(db, shop.id, handleFromPath(path)!);
    if (p) out.focus = { product: p };
  }
  for (const [i, line] of (context.cart?.lines ?? []).entries()) {
    const found = await findCatalogItem(db, shop.id, [line.productId]);
    const v = found && line.variantId ? variantOf(found.product, [line.variantId]) : undefined;
    if (!found || (line.variantId && !v)) {
      out.dropped.push(`cart.lines.${i}`);
      continue;
    }
    out.cart.push({ productId: found.product.id, ...(v ? { variantId: v.id } : {}), quantity: line.quantity });
  }
  return out;
}

/**
 * Whether the shopper is on this product's page for the first time in this conversation's latest
 * turns: the previous turn's page named another product (or none). Then "this" means the page's
 * product even when the last reply showed other cards; otherwise the cards just shown come first.
 */
export async function arrivedOnProduct(db: D1Database, shopId: string, conversationId: string, productId: string): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT json_extract(data, '$.context.productId') AS product FROM audit_events
       WHERE shop_id = ?1 AND conversation_id = ?2 AND kind = 'turn' ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(shopId, conversationId)
    .first<{ product: string | null }>();
  return row?.product !== productId;
}
