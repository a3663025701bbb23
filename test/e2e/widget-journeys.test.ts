import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOTS, stack, VIEWPORTS } from './harness';

/**
 * The widget as a shopper uses it, at a laptop (1280x800) and a phone (390x844) size: every
 * request finishes, errors say what is true, the chat follows the shopper from page to page,
 * and every card reads in the light and the dark theme (axe: zero contrast findings).
 */
let browser: Browser;
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});


interface Watched {
  page: Page;
  failed: Request[];
  requests: string[];
  consoleErrors: string[];
}

async function newPage(options: BrowserContextOptions): Promise<Watched> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const watched: Watched = { page, failed: [], requests: [], consoleErrors: [] };
  page.on('pageerror', (err) => {
    throw err;
  });
  page.on('requestfailed', (r) => watched.failed.push(r));
  page.on('request', (r) => watched.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.consoleErrors.push(m.text());
  });
  return watched;
}

const w = (page: Page, sel: string) => page.locator(`aisle-widget ${sel}`);
const launcher = (page: Page) => w(page, '.aisle-launcher');
const input = (page: Page) => w(page, 'textarea');
const expanded = (page: Page) => launcher(page).getAttribute('aria-expanded');

async function open(page: Page) {
  await launcher(page).click();
  await expect.poll(() => expanded(page)).toBe('true');
  await input(page).waitFor({ state: 'visible' });
}

async function ask(page: Page, text: string) {
  const before = await w(page, '.aisle-assistant').count();
  await input(page).fill(text);
  await input(page).press('Enter');
  await expect.poll(() => w(page, '.aisle-assistant').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => w(page, '[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
  return w(page, '.aisle-assistant').last();
}

async function signIn(page: Page, customer = 'cus_1001') {
  await page.goto(`${stack().url}/account`);
  await page.locator(`#demo-customer option[value="${customer}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#demo-customer', customer);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signing in resets the chat; wait until it has, or it would abort the first message.
  const name = stack().demo.customers.find((c) => c.id === customer)!.name;
  await expect.poll(() => page.locator('[data-demo-status]').textContent()).toContain(name);
}

interface AxeFinding {
  id: string;
  impact: string | null;
  nodes: { target: unknown; failureSummary?: string }[];
}

/** axe on the widget: every rule; returns what must be empty. */
async function axe(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeFinding[]; incomplete: AxeFinding[] }> } }).axe;
    return a.run(document.querySelector('aisle-widget'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
  });
  const brief = (list: AxeFinding[]) => list.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => [n.target, n.failureSummary]) }));
  return {
    contrast: brief(result.violations.filter((v) => v.id === 'color-contrast')),
    incompleteContrast: brief(result.incomplete.filter((v) => v.id === 'color-contrast')),
    serious: brief(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')),
    all: brief(result.violations),
  };
}

/**
 * The panel at full height, its log unscrolled: axe reports text half scrolled out of the log
 * as "incomplete" (it cannot see the background of the hidden half). With nothing clipped,
 * every piece of text gets a verdict; the colours are the same ones. (The launcher, which sits
 * over the panel's corner only in this stretched layout, is hidden for it.)
 */
async function unclipped<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 6000 });
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.id = 'unclip';
    style.textContent = '.aisle-panel{height:auto!important;max-height:none!important;bottom:auto!important;top:0!important}.aisle-log{overflow:visible!important;flex:none!important}.aisle-launcher{display:none!important}';
    document.querySelector('aisle-widget')!.shadowRoot!.append(style);
  });
  try {
    return await run();
  } finally {
    await page.evaluate(() => document.querySelector('aisle-widget')!.shadowRoot!.getElementById('unclip')!.remove());
    await page.setViewportSize(size);
  }
}

async function expectAccessible(page: Page, label: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // As the shopper sees it: no violation of any rule, contrast of any impact included.
    const found = await axe(page);
    expect(found.all, `${label} ${scheme}: any violation`).toEqual([]);
    const full = await unclipped(page, () => axe(page));
    expect(full.contrast, `${label} ${scheme}: contrast`).toEqual([]);
    expect(full.incompleteContrast, `${label} ${scheme}: contrast axe could not decide`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The panel with `card` scrolled into view, in both themes. */
async function shoot(page: Page, card: ReturnType<typeof w>, name: string, viewport: string) {
  await card.first().scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(50);
    await page.screenshot({ path: `${SCREENSHOTS}card-${name}-${viewport}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const { name: viewport, options } of VIEWPORTS) {
  describe(`widget journeys at ${viewport} size`, () => {
    it('finishes every request of a conversation, shows every card readable in both themes, and Stop aborts exactly one request', async () => {
      const { page, failed } = await newPage(options);
      await signIn(page);
      await open(page);

      const products = await ask(page, 'Do you have a waterproof jacket?');
      await products.locator('.aisle-product').first().waitFor();
      await shoot(page, products.locator('.aisle-products'), 'products', viewport);

      // Several orders: one compact list, the order still on its way opened, the others one line each.
      const list = (await ask(page, 'Where is my order?')).locator('.aisle-orders');
      await list.waitFor();
      const rows = list.locator('details');
      expect(await rows.count()).toBeGreaterThan(1);
      expect(await list.locator('details[open]').count()).toBe(1);
      expect(await list.locator('details[open] .aisle-card-title').textContent()).toContain('NW-10231');
      // Refunded/returned orders are shown neutrally, never in the alarm colour.
      const returned = list.locator('details', { hasText: 'NW-10187' }).locator('.aisle-status');
      expect(await returned.getAttribute('class')).toContain('aisle-tone-neutral');
      const height = (await list.boundingBox())!.height;
      expect(height).toBeLessThan(560);
      await shoot(page, list, 'order-list', viewport);

      // One order: the carrier's tracking link (https, new tab), one date format with the reply text.
      const single = await ask(page, 'Where is order NW-10231?');
      const card = single.locator('.aisle-order');
      await card.waitFor();
      const track = card.locator('a', { hasText: 'Track parcel' });
      expect(await track.getAttribute('href')).toMatch(/^https:\/\/www\.dhl\.com\//);
      expect(await track.getAttribute('rel')).toContain('noopener');
      // The full number is in the link only, never in the reply text.
      expect(await single.locator('.aisle-rich').allTextContents()).not.toContainEqual(expect.stringContaining('00340434192806471359'));
      const eta = await card.locator('dt', { hasText: 'Estimated delivery' }).locator('xpath=following-sibling::dd').textContent();
      expect(eta).toMatch(/^\d{1,2} [A-Z][a-z]+( \d{4})?$/);
      await shoot(page, card, 'order', viewport);

      // A delivered order's timeline is complete: every step filled, none hollow.
      const delivered = (await ask(page, 'What about order NW-10118?')).locator('.aisle-order');
      await delivered.waitFor();
      expect(await delivered.locator('.aisle-timeline li.done').count()).toBe(5);

      const handoff = (await ask(page, 'I want a refund for my order, the jacket is too small.')).locator('.aisle-handoff');
      await handoff.waitFor();
      const reference = (await handoff.locator('.aisle-ref').textContent())!.trim();
      expect(reference.length).toBeGreaterThan(3);
      // Says how and when the shop answers, without repeating the reference there.
      expect(await handoff.locator('dd').allTextContents()).toHaveLength(await handoff.locator('dt').count());
      expect((await handoff.textContent())!.split(reference)).toHaveLength(2);
      const tint = await handoff.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(tint).not.toBe('rgb(245, 248, 255)');
      await shoot(page, handoff, 'handoff', viewport);

      const citations = (await ask(page, 'What is your return policy?')).locator('.aisle-citations');
      await citations.waitFor();
      await shoot(page, citations, 'citations', viewport);

      // No request of this conversation failed or was cut short (Chrome: net::ERR_ABORTED).
      expect(failed.map((r) => `${r.url()} ${r.failure()?.errorText}`)).toEqual([]);
      await expectAccessible(page, 'all cards');

      // Stop while the reply is on its way: that request, and only it, is aborted.
      await page.route('**/v1/shops/demo/chat', async (route) => {
        await new Promise((r) => setTimeout(r, 2500));
        await route.continue().catch(() => {});
      });
      await input(page).fill('Do you have hiking boots?');
      await input(page).press('Enter');
      await w(page, '.aisle-stop').click();
      await expect.poll(() => w(page, '.aisle-meta', ).filter({ hasText: 'Stopped.' }).count()).toBe(1);
      await expect.poll(() => failed.length).toBe(1);
      await page.waitForTimeout(3000);
      expect(failed.map((r) => [new URL(r.url()).pathname, r.failure()?.errorText])).toEqual([['/v1/shops/demo/chat', 'net::ERR_ABORTED']]);
      await page.unroute('**/v1/shops/demo/chat');

      // A message that cannot be sent while online: "could not reach", not "offline", and
      // the "not sent" bubble and the notice still read in both themes.
      await page.route('**/v1/shops/demo/chat', (route) => route.abort('connectionreset'));
      await input(page).fill('Are you there?');
      await input(page).press('Enter');
      const notice = w(page, '.aisle-notice');
      await notice.waitFor();
      expect(await notice.getAttribute('class')).toContain('aisle-notice-unreachable');
      expect(await notice.textContent()).not.toMatch(/offline/i);
      await w(page, '.aisle-failed').waitFor();
      await shoot(page, notice, 'notice', viewport);
      await expectAccessible(page, 'not sent');
      await page.context().setOffline(true);
      await w(page, '.aisle-failed .aisle-link-btn').click();
      await expect.poll(() => w(page, '.aisle-notice').getAttribute('class')).toContain('aisle-notice-offline');
      await page.context().close();
    });

    it('follows the shopper: the panel reopens after a product link and a reload, the launcher offers to continue, a new chat asks first and keeps the reference', async () => {
      const { page, failed, requests } = await newPage(options);
      await page.goto(`${stack().url}/`);
      await launcher(page).waitFor();
      // No stored conversation: nothing beyond widget.js before the shopper shows interest.
      await page.waitForTimeout(2500);
      expect(requests.filter((u) => /\/widget\/|\/v1\//.test(u))).toEqual([]);
      if (viewport === 'desktop') await launcher(page).hover();
      else await launcher(page).dispatchEvent('touchstart');
      await expect.poll(() => requests.some((u) => /\/widget\/panel-/.test(u))).toBe(true);
      await open(page);

      const reply = await ask(page, 'Do you have a waterproof jacket?');
      const link = reply.locator('a.aisle-product-title').first();
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL(href);
      // Reopened on the product page, with the conversation, without stealing focus from the page.
      await expect.poll(() => expanded(page), { timeout: 10_000 }).toBe('true');
      await expect.poll(() => w(page, '.aisle-user').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.evaluate(() => document.querySelector('aisle-widget')!.shadowRoot!.activeElement?.tagName ?? null)).toBeNull();

      // Closed, the launcher says there is a conversation to continue; after a reload too.
      await w(page, '.aisle-header button[aria-label="Close chat"]').click();
      await expect.poll(() => launcher(page).getAttribute('aria-label')).toBe('Continue chat');
      expect(await w(page, '.aisle-unread').isVisible()).toBe(true);
      const before = requests.length;
      await page.reload();
      await expect.poll(() => launcher(page).getAttribute('aria-label')).toBe('Continue chat');
      expect(await expanded(page)).toBe('false');
      // A stored conversation: the panel is fetched ahead, without waiting for a click.
      await expect.poll(() => requests.slice(before).some((u) => /\/widget\/panel-/.test(u)), { timeout: 8000 }).toBe(true);
      await open(page);
      await expect.poll(() => w(page, '.aisle-user').count(), { timeout: 15_000 }).toBe(1);

      // Hand-off, then "new conversation": asked first, and the reference stays reachable.
      const handoff = (await ask(page, 'I want to talk to a person about a complaint.')).locator('.aisle-handoff');
      const hasHandoff = await handoff.waitFor({ timeout: 5000 }).then(() => true, () => false);
      const reference = hasHandoff ? (await handoff.locator('.aisle-ref').textContent())!.trim() : null;
      await w(page, `.aisle-header button[aria-label="New conversation"]`).click();
      const confirm = w(page, '.aisle-confirm');
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect(await w(page, '.aisle-user').count()).toBe(2);
      await w(page, `.aisle-header button[aria-label="New conversation"]`).click();
      await confirm.getByRole('button', { name: 'Start new' }).click();
      await expect.poll(() => w(page, '.aisle-user').count()).toBe(0);
      if (reference) expect(await w(page, '.aisle-earlier').textContent()).toContain(reference);
      // Only the navigation may have cut requests short (images still loading when the link was followed).
      expect(failed.filter((r) => new URL(r.url()).pathname.startsWith('/widget')).map((r) => r.url())).toEqual([]);
      await page.context().close();
    });
  });
}

describe('widget on an origin the shop has not allowed', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const { url } = stack();
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forgotten origin</title></head>
<body><header><h1>A shop page</h1></header><main><p>Hello</p></main>
<script src="${url}/widget.js" data-shop="demo" data-color="#1f5f4a" data-theme="${req.url === '/dark' ? 'dark' : ''}" data-prefetch="idle" async></script>
</body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  for (const { name: viewport, options } of VIEWPORTS) {
    it(`tells the shopper chat is unavailable and the merchant which origin to allow, at ${viewport} size`, async () => {
      const { page, failed, requests, consoleErrors } = await newPage(options);
      await page.goto(`${origin}/dark`);
      await launcher(page).waitFor();
      // data-prefetch="idle": the panel comes without any interaction.
      await expect.poll(() => requests.some((u) => /\/widget\/panel-/.test(u)), { timeout: 8000 }).toBe(true);
      // data-theme="dark" wins over the light colour scheme the page asks for.
      await page.emulateMedia({ colorScheme: 'light' });
      await open(page);
      const bg = await w(page, '.aisle-panel').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe('rgb(23, 25, 29)');

      await input(page).fill('Hello?');
      await input(page).press('Enter');
      const notice = w(page, '.aisle-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain("Chat isn't available on this page.");
      expect(await notice.textContent()).not.toMatch(/offline/i);
      await expect.poll(() => consoleErrors.join('\n')).toContain(`npx aisle shop add-origin ${origin} --shop demo`);
      expect(consoleErrors.join('\n')).toContain(`origin ${origin} is not allowed`);
      // The refusal is a readable 403, not a failed request.
      expect(failed.map((r) => r.url())).toEqual([]);
      expect((await axe(page)).all).toEqual([]);
      const full = await unclipped(page, () => axe(page));
      expect(full.contrast).toEqual([]);
      expect(full.incompleteContrast).toEqual([]);
      await page.context().close();
    });
  }
});
