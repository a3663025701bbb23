import type { ProductCard } from '../../../shared/chat';

// In the lazy cards chunk (widget/build.mjs LAZY), with the card actions that call it.
type Cart = NonNullable<ProductCard['cart']>;
/** 2 added, 3 sold out (or not purchasable), 4 failed: indexes into the actions' wording. */
export type Outcome = 2 | 3 | 4;

/**
 * Adds one item through the shop platform's own storefront cart, from the page's origin (the
 * shopper's own cart cookie). Shopify: POST /cart/add.js (422 when it cannot be added, e.g. sold
 * out). WooCommerce: the Store API, with the Nonce and Cart-Token a GET of the cart hands out.
 */
export async function addToCart(cart: Cart): Promise<Outcome> {
  const id = Number(cart.id) || cart.id;
  const json = { 'content-type': 'application/json', accept: 'application/json' };
  if (cart.platform == 'shopify') {
    // Shopify markets in a sub-folder (/fr/) name their root here.
    const root = (window as { Shopify?: { routes?: { root?: string } } }).Shopify?.routes?.root ?? '/';
    const res = await fetch(`${root}cart/add.js`, { method: 'POST', headers: json, body: JSON.stringify({ items: [{ id, quantity: 1 }] }) });
    return res.ok ? 2 : res.status == 422 ? 3 : 4;
  }
  const api = '/wp-json/wc/store/v1/cart';
  const got = await fetch(api, { headers: json });
  const keys: Record<string, string> = {};
  for (const h of ['Nonce', 'Cart-Token']) {
    const v = got.headers.get(h);
    if (v) keys[h] = v;
  }
  const res = await fetch(`${api}/add-item`, { method: 'POST', headers: { ...json, ...keys }, body: JSON.stringify({ id, quantity: 1 }) });
  if (res.ok) return 2;
  const code = String(((await res.json().catch(() => ({}))) as { code?: unknown }).code);
  return code.includes('stock') || code.includes('purchasable') ? 3 : 4;
}
