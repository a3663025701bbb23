import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOTS, stack } from './harness';

/**
 * Guest order help in the widget (issue 20, acceptance 1): a guest asks where their order is,
 * fills in the form the reply offers, and sees the status card of that one order; another order
 * of the same customer stays hidden; a wrong email reads exactly like an unknown order.
 * The demo customer Lena (cus_1001) ordered NW-10231 (shipped) and NW-10118 (delivered).
 */
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const EMAIL = 'marker.email.1001@example.test';
const w = (page: Page, sel: string) => page.locator(`aisle-widget ${sel}`);

async function ask(page: Page, text: string) {
  const before = await w(page, '.aisle-assistant').count();
  await w(page, 'textarea').fill(text);
  await w(page, 'textarea').press('Enter');
  await expect.poll(() => w(page, '.aisle-assistant').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => w(page, '[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
  return w(page, '.aisle-assistant').last();
}

describe('guest order help in the widget', () => {
  it('a guest proves one order with its number and email and sees that order only', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const posted: { url: string; body: string }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posted.push({ url: r.url(), body: r.postData() ?? '' });
    });
    page.on('pageerror', (err) => {
      throw err;
    });
    await page.goto(`${stack().url}/`);
    await w(page, '.aisle-launcher').click();
    await w(page, 'textarea').waitFor({ state: 'visible' });

    const offer = await ask(page, 'Where is my order?');
    expect(await offer.textContent()).toMatch(/secure form/);
    expect(await offer.locator('.aisle-order').count()).toBe(0);
    const form = offer.locator('form.aisle-guest');
    await form.waitFor({ state: 'visible' });
    const number = form.getByLabel('Order number');
    const email = form.getByLabel('Email used for the order');
    const submit = form.getByRole('button', { name: 'Show my order' });

    // Local check first: an empty number is announced and the field is marked, nothing is sent.
    const sentBefore = posted.length;
    await submit.click();
    await expect.poll(() => form.locator('[role="alert"]').textContent()).toMatch(/order number/);
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(posted.length).toBe(sentBefore);

    // A wrong email and an unknown order number: the very same refusal.
    await number.fill('NW-10231');
    await email.fill('someone.else@example.test');
    await email.press('Enter');
    await expect.poll(() => form.locator('[role="alert"]').textContent(), { timeout: 10_000 }).toMatch(/couldn't find an order/);
    const wrongEmail = await form.locator('[role="alert"]').textContent();
    await number.fill('NW-99999');
    await email.fill(EMAIL);
    await submit.click();
    await expect.poll(() => posted.filter((p) => p.url.endsWith('/verify-order')).length).toBe(2);
    await expect.poll(() => form.locator('button[aria-busy="true"]').count()).toBe(0);
    expect(await form.locator('[role="alert"]').textContent()).toBe(wrongEmail);
    await page.screenshot({ path: `${SCREENSHOTS}guest-order-form-refused.png` });
    // The form with its announced error: no serious or critical axe-core findings (contrast included).
    await page.addScriptTag({ content: readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document.querySelector('aisle-widget'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
    });
    expect(violations).toEqual([]);

    // The right details, typed with the keyboard only.
    await number.fill('');
    await number.focus();
    await page.keyboard.type('nw 10231');
    await page.keyboard.press('Tab');
    await page.keyboard.type(EMAIL.toUpperCase());
    await page.keyboard.press('Enter');
    const card = w(page, '.aisle-order');
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.textContent()).toContain('NW-10231');
    expect(await w(page, '.aisle-guest-done').textContent()).toMatch(/matches order NW-10231/);
    await page.screenshot({ path: `${SCREENSHOTS}guest-order-verified.png` });

    // The chat now knows that one order; the same customer's other order looks missing.
    // (`ask` returns the last reply's locator, which moves on with the next question: read it now.)
    const other = await ask(page, 'And order NW-10118?');
    expect(await other.locator('.aisle-order').count()).toBe(0);
    const otherText = (await other.textContent())!;
    expect(otherText).not.toMatch(/Ridge 30|delivered/i);
    const unknownText = (await (await ask(page, 'And order NW-99999?')).textContent())!;
    expect(otherText.replace('NW-10118', '#')).toBe(unknownText.replace('NW-99999', '#'));
    const status = await ask(page, 'Where is my order?');
    expect(await status.locator('.aisle-order').count()).toBe(1);
    expect(await status.locator('.aisle-order').textContent()).toContain('NW-10231');

    // After a reload the conversation comes back with the card (the grant and its secret still
    // hold), and the answered form is not offered again.
    await page.reload();
    await w(page, '.aisle-launcher').click();
    await expect.poll(() => w(page, '.aisle-order').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await w(page, 'form.aisle-guest').count()).toBe(0);
    expect(await w(page, '.aisle-order').first().textContent()).toContain('NW-10231');

    // What was typed into the form never went into a chat message, and the stored history has no email.
    for (const p of posted.filter((p) => p.url.endsWith('/chat'))) expect(p.body.toLowerCase()).not.toContain('marker.email');
    const history = await page.evaluate(async () => {
      const id = Object.entries(localStorage).find(([k]) => k.endsWith(':conversation'))?.[1];
      const secret = Object.entries(localStorage).find(([k]) => k.endsWith(':secret'))?.[1];
      const res = await fetch(`/v1/shops/demo/conversations/${id}`, { headers: { 'x-aisle-conversation-secret': secret ?? '' } });
      return res.text();
    });
    expect(history).toContain('NW-10231');
    expect(history.toLowerCase()).not.toContain('marker.email');
    // The other order is named only where the shopper typed it: none of its facts, no card.
    expect(history).not.toMatch(/Ridge 30|"number":"NW-10118"/);
    await context.close();
  });
});
