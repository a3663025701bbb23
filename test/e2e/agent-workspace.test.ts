import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOTS, stack } from './harness';

/**
 * Issue 16, acceptance 1, 5 and 8: a shopper's page and an agent's page in real Chromium.
 * The refund request appears in the inbox without a reload, the agent's reply appears in the
 * widget without a reload and survives one, resolving asks for CSAT and the score is stored.
 * Neither page makes a periodic request (no polling); planted markup stays text; the workspace
 * is axe clean and works by keyboard alone.
 */
let browser: Browser;
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const demo = () => stack().demo;

interface Watched {
  page: Page;
  requests: { url: string; at: number }[];
  dialogs: string[];
}

async function watchedPage(): Promise<Watched> {
  // bypassCSP only so the test can inject axe into the workspace (its CSP has no inline script).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const w: Watched = { page, requests: [], dialogs: [] };
  page.on('pageerror', (err) => {
    throw err;
  });
  page.on('request', (r) => w.requests.push({ url: r.url(), at: Date.now() }));
  // An XSS plant that ran would open a dialog (alert) or set a global.
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

const widget = (page: Page, sel: string) => page.locator(`aisle-widget ${sel}`);

async function openWidget(page: Page) {
  const launcher = widget(page, '.aisle-launcher');
  await launcher.waitFor();
  // After a reload the panel the shopper left open is open again by itself.
  await page.waitForTimeout(300);
  if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
  await widget(page, 'textarea').waitFor({ state: 'visible' });
}

async function ask(page: Page, text: string) {
  const before = await widget(page, '.aisle-assistant').count();
  await widget(page, 'textarea').fill(text);
  await widget(page, 'textarea').press('Enter');
  await expect.poll(() => widget(page, '.aisle-assistant').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => widget(page, '[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
}

async function axe(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
  });
}

/** No URL may be requested again and again while nothing happens: a quiet window has no request at all. */
async function quietWindow(pages: Watched[], ms = 2500) {
  const start = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  return pages.flatMap((p) => p.requests.filter((r) => r.at >= start).map((r) => r.url));
}

let shopper: Watched;
let agent: Watched;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  shopper = await watchedPage();
  agent = await watchedPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('a shopper and an agent, live', () => {
  it('refund -> live in the inbox; reply -> live in the widget and after reload; resolve -> CSAT stored', { timeout: 120_000 }, async () => {
    const base = stack().url;
    const { page: a } = agent;
    const { page: s } = shopper;

    // An agent whose display name carries a plant (shown to the shopper and in the workspace).
    const created = await fetch(`${base}/v1/shops/${demo().shopId}/agent-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demo().adminKey}` },
      body: JSON.stringify({ label: 'e2e', name: 'Ana <img src=x onerror="window.__pwned=1"> [x](https://evil.example)' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };

    // The agent signs in by keyboard alone and waits on the live inbox.
    await a.goto(`${base}/agent/${demo().shopId}`);
    await a.locator('#kit-key').focus();
    await a.keyboard.type(key);
    await a.keyboard.press('Enter');
    await expect.poll(() => a.locator('.live').textContent(), { timeout: 10_000 }).toBe('Live');

    // The shopper asks for a refund, with markup planted in the message.
    await s.goto(`${base}/`);
    await openWidget(s);
    const started = Date.now();
    await ask(s, 'My jacket arrived torn. I want a refund. <img src=x onerror="window.__pwned=1"> [click](https://evil.example/phish)');
    await widget(s, '.aisle-handoff, [class*="handoff"]').first().waitFor({ timeout: 10_000 });

    // ...and the ticket appears in the inbox without a reload.
    const row = a.locator('.ticket-row').first();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('refund');
    const inboxLatency = Date.now() - started;
    expect(inboxLatency).toBeLessThan(10_000);

    // The agent opens it with the keyboard, and nothing planted is live.
    await row.focus();
    await a.keyboard.press('Enter');
    await a.locator('#ticket-title').waitFor();
    await expect.poll(() => a.locator('.transcript').textContent()).toContain('<img src=x onerror=');
    expect(await a.locator('.ticket img').count()).toBe(0);
    expect(await a.locator('.ticket a[href^="https://evil"]').count()).toBe(0);

    // A note with a plant, then the reply.
    await a.locator('#note').fill('Checked the photos <img src=x onerror="window.__pwned=1">');
    await a.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => a.locator('.notes').textContent()).toContain('<img src=x');
    expect(await a.locator('.ticket-row img, .notes img').count()).toBe(0);
    await a.locator('#draft').fill('Hello, this is the shop team. We will refund the jacket today.');
    const sent = Date.now();
    await a.getByRole('button', { name: 'Send reply' }).click();

    // The reply appears in the widget without a reload, with the agent's name.
    const personReply = widget(s, '.aisle-assistant', ).filter({ hasText: 'We will refund the jacket today' });
    await personReply.first().waitFor({ timeout: 10_000 });
    const replyLatency = Date.now() - sent;
    // The planted display name is shown as text above the reply, nothing of it runs or links.
    await expect.poll(() => widget(s, '.aisle-assistant .aisle-meta').last().textContent()).toContain('Ana <img src=x');
    expect(await widget(s, '.aisle-assistant img').count()).toBe(0);
    expect(await widget(s, 'a[href^="https://evil"]').count()).toBe(0);
    expect(replyLatency).toBeLessThan(10_000);
    await s.screenshot({ path: `${SCREENSHOTS}agent-reply-in-widget.png` });
    await a.screenshot({ path: `${SCREENSHOTS}agent-workspace-ticket.png`, fullPage: true });

    // No polling: a quiet window on both pages has no request.
    expect(await quietWindow([shopper, agent])).toEqual([]);

    // The reply survives a reload.
    await s.reload();
    await openWidget(s);
    await widget(s, '.aisle-assistant').filter({ hasText: 'We will refund the jacket today' }).first().waitFor({ timeout: 10_000 });

    // The agent resolves; the widget asks for CSAT live; the score is stored.
    await a.locator('#ticket-status').selectOption('resolved');
    await a.getByRole('button', { name: 'Save status' }).click();
    const csat = widget(s, '.aisle-csat');
    await csat.waitFor({ timeout: 10_000 });
    await widget(s, '.aisle-csat input[value="4"]').check();
    await widget(s, '.aisle-csat textarea').fill('Fast <img src=x onerror="window.__pwned=1">');
    await widget(s, '.aisle-csat-send').click();
    await widget(s, '.aisle-csat-done').waitFor({ timeout: 10_000 });
    await s.screenshot({ path: `${SCREENSHOTS}agent-csat-in-widget.png` });
    await expect.poll(() => a.locator('.ticket').textContent(), { timeout: 10_000 }).toContain('Shopper rating: 4/5');
    await a.screenshot({ path: `${SCREENSHOTS}agent-workspace-resolved.png`, fullPage: true });

    expect(await s.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await a.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect([...shopper.dialogs, ...agent.dialogs]).toEqual([]);
    console.log(`live delivery in the browser: ticket -> inbox ${inboxLatency} ms (incl. the turn), reply -> widget ${replyLatency} ms`);
  });

  it('assisted mode: a product answer waits for approval in the workspace, then arrives live; the edit is recorded', { timeout: 120_000 }, async () => {
    const base = stack().url;
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${demo().adminKey}` };
    const settings = (body: unknown) => fetch(`${base}/v1/shops/${demo().shopId}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ settings: body }) });
    expect((await settings({ assisted: { product: 'assisted', policy: 'autonomous', order: 'autonomous', other: 'autonomous' } })).status).toBe(200);
    const w = await watchedPage();
    const s = w.page;
    try {
      const { page: a } = agent;
      await s.goto(`${base}/`);
      await openWidget(s);
      await ask(s, 'Do you have a waterproof rain jacket?');
      // The shopper is told a person checks the reply; nothing of the answer is shown.
      const notice = 'A person will check the reply before it is sent to you.';
      await expect.poll(() => widget(s, '.aisle-assistant').last().textContent()).toContain(notice);
      await widget(s, '.aisle-notice-reply_held').waitFor();
      expect(await widget(s, '.aisle-products').count()).toBe(0);

      // The workspace shows the held draft live; its text was never streamed to the shopper.
      const card = a.locator('.drafts .draft').first();
      await card.waitFor({ timeout: 10_000 });
      expect(await card.textContent()).toContain('Do you have a waterproof rain jacket?');
      const draftText = await card.locator('textarea').inputValue();
      expect(draftText.length).toBeGreaterThan(20);
      expect(await widget(s, '.aisle-messages').textContent()).not.toContain(draftText.slice(0, 40));
      expect(await axe(a)).toEqual([]);
      await a.screenshot({ path: `${SCREENSHOTS}agent-workspace-held-reply.png`, fullPage: true });
      // A quiet window: the widget waits on its live socket, it does not poll.
      expect(await quietWindow([w])).toEqual([]);

      // The agent edits the draft and sends it; the widget shows it without a reload.
      const edit = 'Yes: the Cascade Rain Shell is waterproof and in stock. A teammate checked this for you.';
      await card.locator('textarea').fill(edit);
      await card.getByRole('button', { name: 'Send edited reply' }).click();
      await widget(s, '.aisle-assistant').filter({ hasText: 'A teammate checked this for you' }).first().waitFor({ timeout: 10_000 });
      await expect.poll(() => a.locator('.drafts .draft').count(), { timeout: 10_000 }).toBe(0);
      // "A person will check the reply" is over once it came.
      expect(await widget(s, '.aisle-notice-reply_held').count()).toBe(0);
      // The product cards the draft had come with it.
      await widget(s, '.aisle-products').first().waitFor({ timeout: 5_000 });
      await s.screenshot({ path: `${SCREENSHOTS}assisted-reply-in-widget.png` });

      // The page with the approve button cannot be framed.
      const page = await fetch(`${base}/agent/${demo().shopId}`, { redirect: 'follow' });
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      // Recorded as an edit, with who made it and what the assistant had written.
      const edited = (await (await fetch(`${base}/v1/shops/${demo().shopId}/drafts?status=edited`, { headers: admin })).json()) as { drafts: { sentText: string; decidedBy: string; text: string }[] };
      expect(edited.drafts[0]).toMatchObject({ sentText: edit, text: draftText, decidedBy: expect.stringContaining('Ana') });
    } finally {
      await settings({ assisted: { product: 'autonomous', policy: 'autonomous', order: 'autonomous', other: 'autonomous' } });
      await s.context().close();
    }
  });

  it('shop text on a ticket (product, order item, policy passage) stays text: no markup runs, no off-shop link is live', { timeout: 90_000 }, async () => {
    const base = stack().url;
    const PLANT = '<img src=x onerror="window.__pwned=1">';
    const call = async (method: string, path: string, key: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const shopId = `plant-${Date.now().toString(36)}`;
    const created = (await call('POST', '/v1/shops', stack().operatorKey, { id: shopId, name: 'Plant shop' })) as { adminKey: string; agentKey: string };
    await call('PUT', `/v1/shops/${shopId}/catalog`, created.adminKey, {
      format: 'aisle',
      products: [{ id: 'mug', title: `Trail Mug ${PLANT}`, handle: 'mug', description: `Enamel mug. [Deal](https://evil.example/deal) ${PLANT}`, price: 12, currency: 'EUR', availability: 'in_stock' }],
    });
    await call('PUT', `/v1/shops/${shopId}/policies`, created.adminKey, {
      policies: [{ id: 'returns', title: `Returns ${PLANT}`, body: `Refunds for unused items within 30 days. ${PLANT} [Read more](https://evil.example/returns)` }],
    });
    await call('PUT', `/v1/shops/${shopId}/orders`, created.adminKey, {
      customers: [{ id: 'c1', name: 'Pat' }],
      orders: [{ number: 'PL-1', customerId: 'c1', stage: 'delivered', items: [{ name: `Trail Mug ${PLANT} [x](https://evil.example/item)`, quantity: 1 }] }],
    });
    const { token } = (await call('POST', `/v1/shops/${shopId}/tokens`, created.adminKey, { customerId: 'c1' })) as { token: string };
    const chat = await fetch(`${base}/v1/shops/${shopId}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ conversationId: crypto.randomUUID(), message: { text: 'I want a refund for my trail mug from order PL-1' } }),
    });
    expect(chat.status).toBe(200);
    await chat.text();

    const w = await watchedPage();
    const a = w.page;
    await a.goto(`${base}/agent/${shopId}`);
    await a.locator('#kit-key').fill(created.agentKey);
    await a.keyboard.press('Enter');
    const row = a.locator('.ticket-row').first();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('refund');
    await row.click();
    await a.locator('#ticket-title').waitFor();
    // The order card's item and the attached policy passage are on the page, as text.
    await expect.poll(() => a.locator('.ticket').textContent(), { timeout: 10_000 }).toContain('Trail Mug <img src=x');
    await expect.poll(() => a.locator('.ticket').textContent()).toContain('Refunds for unused items within 30 days.');
    expect(await a.locator('.ticket img').count()).toBe(0);
    expect(await a.locator('a[href^="https://evil"], a[href^="javascript:"]').count()).toBe(0);
    await a.screenshot({ path: `${SCREENSHOTS}agent-workspace-shop-text.png`, fullPage: true });
    expect(await a.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    await a.context().close();
  });

  it('the workspace is axe clean and usable by keyboard', async () => {
    const { page: a } = agent;
    expect(await axe(a)).toEqual([]);
    // Keyboard: Tab reaches the inbox filters, the ticket rows and the ticket's controls in order.
    await a.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await a.keyboard.press('Tab');
      reached.add(await a.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? document.activeElement?.id ?? '').trim().slice(0, 30)));
    }
    const all = [...reached].join(' | ');
    expect(all).toContain('Sign out');
    expect(all).toMatch(/Send reply|Save draft|Take over|Hand back/);
  });
});
