import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askWidget, inWidget, launchBrowser, stack, VIEWPORTS } from './harness';

/**
 * Issue 18 in the browser, at a laptop (1280x800) and a phone (390x844) size, on the demo
 * storefront (seeded with settings.platform = shopify; its /cart/add.js is the DEMO_MODE cart):
 * the widget reads the product page's JSON-LD, "do you have this in M?" is answered for that
 * product and variant, Add to cart changes the demo cart (and a sold-out variant is refused with
 * Shopify's 422), and a page without JSON-LD works through Aisle.setContext.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});


const w = inWidget;

async function newPage(options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const chats: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/chat')) chats.push(r.postDataJSON());
  });
  return { page, errors, chats, close: () => context.close() };
}

async function open(page: Page) {
  await w(page, '.aisle-launcher').click();
  await w(page, 'textarea').waitFor({ state: 'visible' });
}

const ask = askWidget;

const cartCount = (page: Page) => page.evaluate(async () => ((await (await fetch('/cart.js')).json()) as { item_count: number }).item_count);

describe.each(VIEWPORTS)('the chat knows the page ($name)', ({ options }) => {
  it('answers "do you have this in M?" for the product on the page, and Add to cart fills the demo cart', async () => {
    const { page, errors, chats, close } = await newPage(options);
    try {
      await page.goto(`${stack().url}/products/stormline-jacket`);
      expect(await cartCount(page)).toBe(0);
      await open(page);
      const reply = await ask(page, 'do you have this in M?');
      const card = reply.locator('.aisle-product');
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.locator('.aisle-product-title').textContent()).toBe('Stormline 3L Shell Jacket');
      expect(await card.locator('.aisle-product-options').textContent()).toContain('Size: M');
      expect(await reply.locator('.aisle-bubble').first().textContent()).not.toMatch(/couldn.t find/i);
      // What the widget sent: references from the JSON-LD, the URL without query, no title or price.
      const sent = chats.at(-1) as { context: Record<string, unknown> };
      expect(sent.context).toMatchObject({ page: { url: `${stack().url}/products/stormline-jacket` }, product: { handle: 'stormline-jacket' } });
      expect(JSON.stringify(sent.context)).not.toMatch(/Stormline 3L|279/);
      // Quick replies from what was found: other colours, the size guide, a person.
      const chips = w(page, '.aisle-chip');
      await expect.poll(() => chips.allTextContents()).toEqual(['Which colours does the Stormline 3L Shell Jacket come in?', 'Show me the size guide', 'Talk to a person']);
      // View goes to the product page; Add to cart adds that variant through /cart/add.js.
      expect(await card.locator('a.aisle-action').getAttribute('href')).toBe(`${stack().url}/products/stormline-jacket`);
      const added = page.waitForResponse((r) => r.url().endsWith('/cart/add.js'));
      await card.getByRole('button', { name: 'Add to cart' }).click();
      expect((await added).status()).toBe(200);
      await expect.poll(() => card.locator('.aisle-action-main').textContent()).toBe('Added to cart');
      expect(await cartCount(page)).toBe(1);
      // The storefront's own header shows it (the widget's 'cart' event).
      await expect.poll(() => page.locator('[data-demo-cart-link]').textContent()).toBe('Cart (1)');
      await page.goto(`${stack().url}/cart`);
      expect(await page.locator('[data-demo-cart]').textContent()).toContain('Stormline 3L Shell Jacket - Black / M');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps the chosen colour of the page (?variant=), and a sold-out variant is refused with 422 and said so', async () => {
    const { page, close } = await newPage(options);
    try {
      await page.goto(`${stack().url}/products/stormline-jacket?variant=nw-stormline-jacket--lake-blue-s`);
      await open(page);
      const reply = await ask(page, 'do you have this in M?');
      const card = reply.locator('.aisle-product');
      expect(await card.locator('.aisle-product-options').textContent()).toBe('Colour: Lake Blue · Size: M');
      expect(await card.locator('.aisle-badge').textContent()).toBe('Out of stock');
      const refused = page.waitForResponse((r) => r.url().endsWith('/cart/add.js'));
      await card.getByRole('button', { name: 'Add to cart' }).click();
      const res = await refused;
      expect(res.status()).toBe(422);
      expect(await res.json()).toMatchObject({ status: 422, message: 'Cart Error' });
      await expect.poll(() => card.locator('[role="status"]').textContent()).toBe('Sold out');
      expect(await cartCount(page)).toBe(0);
    } finally {
      await close();
    }
  });

  it('works on a page without JSON-LD through Aisle.setContext', async () => {
    const { page, chats, close } = await newPage(options);
    try {
      await page.goto(`${stack().url}/policies/shipping`);
      expect(await page.locator('script[type="application/ld+json"]').count()).toBe(0);
      await page.evaluate(() => (window as unknown as { Aisle: { setContext(c: unknown): void } }).Aisle.setContext({ product: 'nw-stormline-jacket' }));
      await open(page);
      const reply = await ask(page, 'do you have this in M?');
      expect(await reply.locator('.aisle-product .aisle-product-title').textContent()).toBe('Stormline 3L Shell Jacket');
      expect(await reply.locator('.aisle-product-options').textContent()).toContain('Size: M');
      expect((chats.at(-1) as { context: unknown }).context).toMatchObject({ product: { id: 'nw-stormline-jacket' } });
    } finally {
      await close();
    }
  });
});
