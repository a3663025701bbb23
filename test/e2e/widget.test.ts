import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../shared/chat';
import { launchBrowser, SCREENSHOTS, stack } from './harness';

/**
 * The widget as shoppers meet it: widget.js from the real Worker (wrangler dev, seeded demo
 * shop, offline engine), on the demo storefront and on a hostile page of another origin.
 */
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

const launcher = (page: Page) => page.locator('aisle-widget .aisle-launcher');
const dialog = (page: Page) => page.getByRole('dialog');
const input = (page: Page) => page.locator('aisle-widget textarea');
/** What the focused element inside the widget is (tag.class), or "page:<tag>" when focus is outside. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.querySelector('aisle-widget')?.shadowRoot?.activeElement;
    return a ? `${a.tagName.toLowerCase()}.${a.getAttribute('class') ?? ''}` : `page:${document.activeElement?.tagName.toLowerCase()}`;
  });

async function open(page: Page) {
  // After a navigation the panel reopens by itself when it was open: do not click it shut.
  await launcher(page).waitFor();
  await page.waitForTimeout(100);
  if ((await launcher(page).getAttribute('aria-expanded')) !== 'true') await launcher(page).click();
  await expect.poll(() => launcher(page).getAttribute('aria-expanded')).toBe('true');
  await input(page).waitFor({ state: 'visible' });
}

/** Sends like a shopper (type, Enter) and waits until the reply has finished streaming. */
async function ask(page: Page, text: string) {
  const before = await page.locator('aisle-widget .aisle-assistant').count();
  await input(page).fill(text);
  await input(page).press('Enter');
  await expect.poll(() => page.locator('aisle-widget .aisle-assistant').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect
    .poll(() => page.locator('aisle-widget [aria-busy="true"]').count(), { timeout: 30_000 })
    .toBe(0);
  return page.locator('aisle-widget .aisle-assistant').last();
}

describe('widget on the demo storefront', () => {
  it('opens from the launcher, streams a reply with product cards and announces it once', async () => {
    const page = await newPage();
    await page.goto(`${stack().url}/`);
    await expect.poll(() => launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await launcher(page).getAttribute('aria-label')).toBe('Open chat');
    await page.screenshot({ path: `${SCREENSHOTS}closed.png` });

    await open(page);
    expect(await dialog(page).getAttribute('aria-label')).toContain('Northwind Outfitters');
    expect(await focused(page)).toBe('textarea.');
    await page.screenshot({ path: `${SCREENSHOTS}open.png` });

    // Count live-region changes: a reply is announced when complete, not token by token.
    await page.evaluate(() => {
      const live = document.querySelector('aisle-widget')!.shadowRoot!.querySelector('[aria-live]')!;
      (window as unknown as { __announced: string[] }).__announced = [];
      new MutationObserver(() => (window as unknown as { __announced: string[] }).__announced.push(live.textContent ?? '')).observe(live, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const reply = await ask(page, 'Do you have a waterproof jacket?');
    const cards = reply.locator('.aisle-product');
    expect(await cards.count()).toBeGreaterThan(0);
    await expect.poll(() => cards.first().locator('.aisle-price').textContent()).toMatch(/€\s?\d/);
    expect(await cards.first().locator('a.aisle-product-title').getAttribute('href')).toMatch(/\/products\/[a-z0-9-]+$/);
    expect(await reply.locator('.aisle-badge').first().textContent()).toMatch(/In stock|Only a few left|Out of stock|Pre-order/);
    const announced = await page.evaluate(() => (window as unknown as { __announced: string[] }).__announced.filter(Boolean));
    expect(announced).toHaveLength(1);
    expect(announced[0]!.length).toBeGreaterThan(10);
    await page.screenshot({ path: `${SCREENSHOTS}products.png` });
    await page.context().close();
  });

  it('shows a signed-in customer an order card and hands a refund request to a person', async () => {
    const page = await newPage();
    const { url, demo } = stack();
    await page.goto(`${url}/account`);
    await page.locator('#demo-customer option[value="cus_1001"]').waitFor({ state: 'attached' });
    await page.selectOption('#demo-customer', 'cus_1001');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[data-demo-status]').textContent()).toContain(demo.customers.find((c) => c.id === 'cus_1001')!.name);

    await open(page);
    const orderReply = await ask(page, 'Where is my order?');
    const card = orderReply.locator('.aisle-order').first();
    await card.waitFor();
    expect(await card.locator('.aisle-card-title').textContent()).toMatch(/Order .*NW-\d+/);
    expect(await card.locator('[aria-current="step"]').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}order-card.png` });

    await page.evaluate(() => {
      const w = window as unknown as { __handoffs: { ticketId: string; reference?: string }[]; Aisle: { on(e: string, fn: (d: unknown) => void): void } };
      w.__handoffs = [];
      w.Aisle.on('handoff', (d) => w.__handoffs.push(d as { ticketId: string }));
    });
    const handoffReply = await ask(page, 'I want a refund for my order, the jacket is too small.');
    const handoff = handoffReply.locator('.aisle-handoff');
    await handoff.waitFor();
    // The card shows the short reference people quote (v1.1), not the ticket id.
    const reference = (await handoff.locator('.aisle-ref').textContent())!.trim();
    expect(reference).toMatch(REFERENCE_PATTERN);
    const [part] = await page.evaluate(() => (window as unknown as { __handoffs: { ticketId: string; reference?: string }[] }).__handoffs);
    expect(part!.reference).toBe(reference);
    const ticketId = part!.ticketId;
    expect(ticketId).toMatch(/^tkt_[A-Za-z0-9]+$/);
    // The agent sees the same ticket, with the verified customer and the refund category.
    const agentView = await fetch(`${url}/v1/shops/demo/tickets/${ticketId}`, { headers: { authorization: `Bearer ${demo.agentKey}` } });
    expect(agentView.status).toBe(200);
    const { ticket } = (await agentView.json()) as { ticket: { category: string; customer: { level: string; id: string } } };
    expect(ticket.category).toBe('refund');
    expect(ticket.customer).toMatchObject({ level: 'verified', id: 'cus_1001' });
    await handoff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}handoff-card.png` });

    // Navigation keeps the identity: the next page asks about orders as the same customer.
    await page.goto(`${url}/policies/shipping`);
    await open(page);
    await expect.poll(() => page.locator('aisle-widget .aisle-order').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.context().close();
  });

  it('offers a guest the order form for orders, quotes a policy with its source, and says so when rate limited', async () => {
    const page = await newPage();
    const { url } = stack();
    await page.goto(`${url}/`);
    await open(page);

    const orderReply = await ask(page, 'Where is my order?');
    // Guest order help (issue 20): the order number and email form, never an order before a match.
    expect(await orderReply.textContent()).toMatch(/secure form/i);
    await orderReply.locator('form.aisle-guest').waitFor({ state: 'visible' });
    expect(await orderReply.locator('.aisle-order').count()).toBe(0);

    const policyReply = await ask(page, 'How long do returns take?');
    expect(await policyReply.textContent()).toMatch(/30 days/);
    expect(await policyReply.locator('.aisle-citations a').count()).toBeGreaterThan(0);

    // A burst in this conversation (as a stuck key or a script would send) uses up the flood
    // limit (8 per 10 s); the shopper's next message then gets the rate-limit notice.
    const notice = page.locator('aisle-widget .aisle-notice-rate_limited');
    const statuses = await page.evaluate(async () => {
      const conversationId = Object.values(localStorage).find((v) => /^[0-9a-f-]{36}$/.test(v))!;
      const send = () =>
        fetch('/v1/shops/demo/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conversationId, message: { text: 'hello' } }) }).then(
          (r) => r.status,
        );
      return Promise.all(Array.from({ length: 10 }, send));
    });
    expect(statuses).toContain(429);
    await input(page).fill('hello again');
    await input(page).press('Enter');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/\d+/);
  });

  it('keeps the conversation across a reload and forgets it after Aisle.reset()', async () => {
    const page = await newPage();
    await page.goto(`${stack().url}/`);
    await open(page);
    const reply = await ask(page, 'What is your return policy?');
    // Policy answers link their sources.
    expect(await reply.locator('.aisle-citations a').count()).toBeGreaterThan(0);
    expect(await reply.locator('.aisle-citations a').first().getAttribute('href')).toMatch(/\/policies\//);

    await page.reload();
    await open(page);
    await expect.poll(() => page.locator('aisle-widget .aisle-user').allTextContents(), { timeout: 15_000 }).toEqual([
      'You: What is your return policy?',
    ]);
    expect(await page.locator('aisle-widget .aisle-assistant .aisle-rich').count()).toBeGreaterThan(0);

    await page.evaluate(() => (window as unknown as { Aisle: { reset(): void } }).Aisle.reset());
    await expect.poll(() => page.locator('aisle-widget .aisle-user').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('aisle:demo:conversation'))).toBeNull();
    await page.reload();
    await open(page);
    await page.waitForTimeout(500);
    expect(await page.locator('aisle-widget .aisle-user').count()).toBe(0);
    await page.context().close();
  });

  it('works with the keyboard alone: Tab to the launcher, send, Tab through cards, Escape returns focus', async () => {
    const page = await newPage();
    await page.goto(`${stack().url}/`);
    await launcher(page).waitFor();
    // The launcher comes last in the page's tab order (its host is appended to <body>).
    let steps = 0;
    while ((await focused(page)) !== 'button.aisle-launcher' && steps++ < 300) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button.aisle-launcher');

    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('textarea.');
    await page.keyboard.type('Do you have a waterproof jacket?');
    await page.keyboard.press('Shift+Enter');
    expect(await input(page).inputValue()).toBe('Do you have a waterproof jacket?\n');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('aisle-widget .aisle-product').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('aisle-widget [aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);

    // Tab visits the product links and stays inside the dialog, wrapping around.
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    expect(seen.every((f) => !f.startsWith('page:'))).toBe(true);
    expect(seen.some((f) => f.includes('aisle-product-title'))).toBe(true);
    expect(seen.filter((f) => f === 'textarea.').length).toBeGreaterThan(1);
    expect(seen).not.toContain('button.aisle-launcher');

    await page.keyboard.press('Escape');
    await expect.poll(() => launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await dialog(page).count()).toBe(0);
    expect(await focused(page)).toBe('button.aisle-launcher');
    await page.context().close();
  });

  it('has no serious or critical axe-core violations when open with cards', async () => {
    const page = await newPage();
    await page.goto(`${stack().url}/`);
    await open(page);
    await ask(page, 'Do you have a waterproof jacket?');
    await page.addScriptTag({ content: readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document.querySelector('aisle-widget'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target) }));
    });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('becomes a full-screen sheet at 360×740 and stays usable at 200% zoom', async () => {
    const mobile = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await mobile.goto(`${stack().url}/`);
    await open(mobile);
    // Polled: the panel slides in over a few frames.
    await expect.poll(() => mobile.locator('aisle-widget .aisle-panel').boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await ask(mobile, 'Do you have a waterproof jacket?');
    const noOverflow = await mobile.evaluate(() => {
      const log = document.querySelector('aisle-widget')!.shadowRoot!.querySelector('.aisle-log')!;
      return log.scrollWidth <= log.clientWidth;
    });
    expect(noOverflow).toBe(true);
    await mobile.screenshot({ path: `${SCREENSHOTS}mobile.png` });
    await mobile.context().close();

    // 200% zoom of a 1280×800 window: a 640×400 CSS-pixel viewport at twice the pixel density.
    const zoomed = await newPage({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    await zoomed.goto(`${stack().url}/`);
    await open(zoomed);
    for (const sel of ['.aisle-header button[aria-label="Close chat"]', 'textarea', '.aisle-send']) {
      const b = (await zoomed.locator(`aisle-widget ${sel}`).boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(640);
      expect(b.y + b.height).toBeLessThanOrEqual(400);
    }
    const reply = await ask(zoomed, 'What is your return policy?');
    expect((await reply.textContent())!.length).toBeGreaterThan(20);
    await zoomed.screenshot({ path: `${SCREENSHOTS}zoom-200.png` });
    await zoomed.context().close();
  });
});

describe('widget on a hostile page of another origin', () => {
  let server: Server;
  let origin: string;
  const NONCE = 'aisleTestNonce123';

  beforeAll(async () => {
    const { url, demo } = stack();
    server = createServer((req, res) => {
      const csp = [
        "default-src 'none'",
        `script-src 'nonce-${NONCE}'`,
        `style-src 'nonce-${NONCE}'`,
        `connect-src ${url}`,
        `img-src ${url}`,
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; ');
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      if (req.url !== '/') return res.end();
      res.end(`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Hostile</title>
<style nonce="${NONCE}">
  * { all: unset !important; }
  aisle-widget, div, button { display: none !important; }
  button { background: red !important; font-size: 40px !important; }
  :root { --accent: red; font-size: 8px; }
</style>
<script nonce="${NONCE}">
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI), true);
</script>
</head><body><h1>Another shop</h1>
<script nonce="${NONCE}">window.Aisle = window.Aisle || { q: [] }; Aisle.open = Aisle.open || function () { Aisle.q.push(['open', arguments]); }; Aisle.open();</script>
<script nonce="${NONCE}" src="${url}/widget.js" data-shop="demo" data-color="#ffcc00" data-title="Nordwind" async></script>
</body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The merchant allows the page's origin, as they would in the dashboard.
    const res = await fetch(`${url}/v1/shops/demo/origins`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ origin }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    const { url, demo } = stack();
    await fetch(`${url}/v1/shops/demo/origins`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${demo.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ origin }),
    }).catch(() => {});
    await new Promise((r) => server?.close(r));
  });

  it('looks and works the same under `* { all: unset !important }` and a strict nonce CSP, with zero violations', async () => {
    const page = await newPage();
    await page.goto(`${origin}/`);
    // The queued Aisle.open() from before widget.js loaded is replayed.
    await expect.poll(() => launcher(page).getAttribute('aria-expanded'), { timeout: 15_000 }).toBe('true');
    await input(page).waitFor({ state: 'visible' });
    // Language from <html lang="de">.
    expect(await launcher(page).getAttribute('aria-label')).toBe('Chat schließen');

    const look = await page.evaluate(() => {
      const root = document.querySelector('aisle-widget')!.shadowRoot!;
      const l = getComputedStyle(root.querySelector('.aisle-launcher')!);
      const p = root.querySelector('.aisle-panel')!.getBoundingClientRect();
      const r = getComputedStyle(root.querySelector('.aisle-root')!);
      return { position: l.position, width: l.width, bg: l.backgroundColor, panel: [p.width, p.height], font: r.fontSize, family: r.fontFamily };
    });
    expect(look).toMatchObject({ position: 'fixed', width: '56px', bg: 'rgb(255, 204, 0)', panel: [384, 640], font: '15px' });
    expect(look.family).toContain('system-ui');

    const reply = await ask(page, 'Welche Versandzeiten habt ihr?');
    expect((await reply.textContent())!.length).toBeGreaterThan(20);
    await page.screenshot({ path: `${SCREENSHOTS}hostile-csp.png` });
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    await page.context().close();
  });
});
