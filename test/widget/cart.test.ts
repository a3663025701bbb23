import { afterEach, describe, expect, it, vi } from 'vitest';
import { addToCart } from '../../widget/src/lib/cart';

/** Add to cart against each platform's documented storefront cart API (fetch replaced, nothing else). */
type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };
function platform(respond: (c: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const call = { url, method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    return respond(call);
  });
  return calls;
}
afterEach(() => vi.unstubAllGlobals());

describe('addToCart', () => {
  it('Shopify: POST /cart/add.js with items [{ id, quantity: 1 }], a numeric id as a number; 422 is sold out', async () => {
    vi.stubGlobal('window', {});
    let status = 200;
    const calls = platform(() => new Response('{}', { status }));
    expect(await addToCart({ platform: 'shopify', id: '44012345678901' })).toBe(2);
    expect(calls[0]).toMatchObject({ url: '/cart/add.js', method: 'POST', body: { items: [{ id: 44012345678901, quantity: 1 }] } });
    status = 422;
    expect(await addToCart({ platform: 'shopify', id: 'nw-stormline-jacket--lake-blue-m' })).toBe(3);
    expect(calls[1]!.body).toEqual({ items: [{ id: 'nw-stormline-jacket--lake-blue-m', quantity: 1 }] });
    status = 500;
    expect(await addToCart({ platform: 'shopify', id: '1' })).toBe(4);
  });

  it("Shopify markets in a sub-folder use the theme's routes.root", async () => {
    vi.stubGlobal('window', { Shopify: { routes: { root: '/fr/' } } });
    const calls = platform(() => new Response('{}'));
    await addToCart({ platform: 'shopify', id: '7' });
    expect(calls[0]!.url).toBe('/fr/cart/add.js');
  });

  it('WooCommerce: GET the Store API cart for Nonce and Cart-Token, then add-item with them; out of stock is said so', async () => {
    vi.stubGlobal('window', {});
    let refusal: Response | null = null;
    const calls = platform((c) =>
      c.method === 'GET' ? new Response('{}', { headers: { Nonce: 'n-123', 'Cart-Token': 'ct-456' } }) : (refusal ?? new Response('{}', { status: 201 })),
    );
    expect(await addToCart({ platform: 'woocommerce', id: '312' })).toBe(2);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /wp-json/wc/store/v1/cart', 'POST /wp-json/wc/store/v1/cart/add-item']);
    expect(calls[1]).toMatchObject({ headers: { Nonce: 'n-123', 'Cart-Token': 'ct-456' }, body: { id: 312, quantity: 1 } });
    refusal = new Response(JSON.stringify({ code: 'woocommerce_rest_product_out_of_stock', message: 'x' }), { status: 400 });
    expect(await addToCart({ platform: 'woocommerce', id: '312' })).toBe(3);
    refusal = new Response(JSON.stringify({ code: 'woocommerce_rest_invalid_nonce' }), { status: 403 });
    expect(await addToCart({ platform: 'woocommerce', id: '312' })).toBe(4);
  });
});
