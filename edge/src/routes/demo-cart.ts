import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { Product, Variant } from '../../../shared/catalog';
import type { AppEnv } from '../env';
import { findCatalogItem } from '../context/resolve';
import { ApiError } from '../lib/errors';
import { DEMO_SHOP_ID } from './demo';

/**
 * The demo storefront's cart (DEMO_MODE only, like the demo sign-in), so the widget's Add to cart
 * is tested for real. It implements Shopify's documented Ajax cart API as the widget uses it:
 * `POST /cart/add.js` with `{ items: [{ id, quantity }] }` (or a single `id`, JSON or form) answers
 * the added line items, 422 `{ status, message, description }` when the variant is sold out or
 * the quantity is more than is in stock, 404 for an unknown variant; `GET /cart.js` is the cart.
 * `GET /cart` is a plain page listing it. The cart is the `cart` cookie (variant id -> quantity).
 */
export const demoCartRoutes = new Hono<AppEnv>();

const COOKIE = 'cart';
type Lines = Record<string, number>;

function readCart(c: Context<AppEnv>): Lines {
  try {
    const v = JSON.parse(getCookie(c, COOKIE) ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Lines) : {};
  } catch {
    return {};
  }
}

const demoOnly = (c: Context<AppEnv>) => {
  if (c.env.DEMO_MODE !== 'true') throw new ApiError('not_found', 'No such endpoint');
};

const cents = (n: number) => Math.round(n * 100);
const cartError = (c: Context<AppEnv>, status: 404 | 422, description: string) => c.json({ status, message: 'Cart Error', description }, status);

/** A Shopify line item, as much of it as a storefront reads. */
function lineItem(product: Product, variant: Variant | undefined, quantity: number) {
  const price = cents(variant?.price ?? product.price);
  return {
    id: variant?.id ?? product.id,
    key: variant?.id ?? product.id,
    variant_id: variant?.id ?? product.id,
    product_id: product.id,
    title: variant ? `${product.title} - ${variant.title ?? Object.values(variant.options).join(' / ')}` : product.title,
    product_title: product.title,
    variant_title: variant ? (variant.title ?? Object.values(variant.options).join(' / ')) : null,
    sku: variant?.sku ?? null,
    handle: product.handle ?? null,
    url: product.url ?? null,
    quantity,
    price,
    line_price: price * quantity,
    options_with_values: variant ? Object.entries(variant.options).map(([name, value]) => ({ name, value })) : [],
  };
}

async function itemOf(db: D1Database, id: string) {
  const found = await findCatalogItem(db, DEMO_SHOP_ID, [id]);
  if (!found) return null;
  const variant = found.product.variants.find((v) => v.id === id || v.platformId === id);
  // A product id names an item only when the product has no variants.
  if (!variant && found.product.variants.length > 0) return null;
  return { product: found.product, variant };
}

demoCartRoutes.post('/cart/add.js', async (c) => {
  demoOnly(c);
  const type = c.req.header('content-type') ?? '';
  let body: unknown;
  try {
    body = type.includes('application/json') ? await c.req.json() : Object.fromEntries(await c.req.formData());
  } catch {
    return cartError(c, 422, 'The request body could not be read.');
  }
  const b = (body ?? {}) as { items?: unknown; id?: unknown; quantity?: unknown };
  const single = !Array.isArray(b.items);
  const wanted = (single ? [{ id: b.id, quantity: b.quantity }] : (b.items as { id?: unknown; quantity?: unknown }[])).map((i) => ({
    id: String(i?.id ?? ''),
    quantity: i?.quantity === undefined ? 1 : Number(i.quantity),
  }));
  if (wanted.length === 0 || wanted.some((w) => !w.id || !Number.isInteger(w.quantity) || w.quantity < 1)) return cartError(c, 422, 'Every item needs an id and a whole quantity of at least 1.');
  const cart = readCart(c);
  const added = [];
  for (const w of wanted) {
    const item = await itemOf(c.env.DB, w.id);
    if (!item) return cartError(c, 404, 'Cannot find variant');
    const { product, variant } = item;
    const availability = variant?.availability ?? product.availability ?? 'in_stock';
    const name = variant ? `${product.title} - ${variant.title ?? Object.values(variant.options).join(' / ')}` : product.title;
    if (availability === 'out_of_stock') return cartError(c, 422, `The product '${name}' is already sold out.`);
    const key = variant?.id ?? product.id;
    const total = (cart[key] ?? 0) + w.quantity;
    const stock = variant?.inventory;
    if (typeof stock === 'number' && availability !== 'preorder' && total > stock) return cartError(c, 422, `You can only add ${stock} ${name} to the cart.`);
    cart[key] = total;
    added.push(lineItem(product, variant, total));
  }
  setCookie(c, COOKIE, JSON.stringify(cart), { path: '/', sameSite: 'Lax', httpOnly: false });
  return c.json(single ? added[0] : { items: added });
});

async function cartView(c: Context<AppEnv>) {
  const items = [];
  for (const [id, quantity] of Object.entries(readCart(c))) {
    const item = await itemOf(c.env.DB, id);
    if (item && Number.isInteger(quantity) && quantity > 0) items.push(lineItem(item.product, item.variant, quantity));
  }
  return {
    item_count: items.reduce((n, i) => n + i.quantity, 0),
    items,
    total_price: items.reduce((n, i) => n + i.line_price, 0),
    currency: items.length ? ((await findCatalogItem(c.env.DB, DEMO_SHOP_ID, [items[0]!.product_id]))?.product.currency ?? 'EUR') : 'EUR',
  };
}

demoCartRoutes.get('/cart.js', async (c) => {
  demoOnly(c);
  return c.json(await cartView(c));
});


demoCartRoutes.get('/cart', async (c) => {
  demoOnly(c);
  const cart = await cartView(c);
  const money = (n: number) => new Intl.NumberFormat('en-IE', { style: 'currency', currency: cart.currency }).format(n / 100);
  // hono/html escapes every interpolated value: product titles are shop text.
  const rows = cart.items.map((i) => html`<tr><td>${i.title}</td><td>${i.quantity}</td><td>${money(i.line_price)}</td></tr>`);
  return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cart · Northwind Outfitters</title><link rel="stylesheet" href="/demo/site.css"></head>
<body><main class="wrap"><h1>Your cart</h1>
${cart.items.length ? html`<table data-demo-cart><thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th></tr></thead><tbody>${rows}</tbody></table><p>Total: <strong>${money(cart.total_price)}</strong> (demo cart: nothing is ordered)</p>` : html`<p data-demo-cart>Your cart is empty.</p>`}
<p><a href="/">Continue shopping</a></p></main></body></html>`);
});
