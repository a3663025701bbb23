import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askWidget, inWidget, launchBrowser, SCREENSHOTS, stack } from './harness';

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
const w = inWidget;

const ask = askWidget;

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

  it('with a one-time code: the same words for every attempt, then the code from the mail opens the order', async () => {
    const { url, operatorKey } = stack();
    const shopId = `guest-code-${Date.now().toString(36)}`;
    const created = await fetch(`${url}/v1/shops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorKey}` },
      body: JSON.stringify({ id: shopId, name: 'Code Shop', allowedOrigins: [url], settings: { guestOrders: { enabled: true, grantMinutes: 30, oneTimeCode: true } } }),
    });
    expect(created.status).toBe(201);
    const { adminKey } = (await created.json()) as { adminKey: string };
    const order = { number: 'CS-7001', email: 'code.buyer@example.test', stage: 'shipped', placedAt: '2026-11-28T10:00:00Z', items: [{ name: 'Wool Beanie', quantity: 1 }] };
    const put = await fetch(`${url}/v1/shops/${shopId}/orders`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ orders: [order] }) });
    expect(put.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // A storefront page of this shop on an allowed origin (the widget and the API are real).
    await page.route(`${url}/code-shop.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><title>Code Shop</title><h1>Code Shop</h1><script src="/widget.js" data-shop="${shopId}" async></script>` }),
    );
    await page.goto(`${url}/code-shop.html`);
    await w(page, '.aisle-launcher').click();
    await w(page, 'textarea').waitFor({ state: 'visible' });
    const offer = await ask(page, 'Where is my order?');
    const form = offer.locator('form.aisle-guest');
    await form.waitFor({ state: 'visible' });

    // A wrong email first: the same "if the details match" words, and no code field would help.
    await form.getByLabel('Order number').fill('CS-7001');
    await form.getByLabel('Email used for the order').fill('not.me@example.test');
    await form.getByRole('button', { name: 'Show my order' }).click();
    const codeField = form.getByLabel('6-digit code from the email');
    await codeField.waitFor({ state: 'visible' });
    const wrongWords = await form.locator('.aisle-guest-hint').textContent();
    expect(wrongWords).toMatch(/If the details match, we've sent a code/);
    expect(await mailsTo(shopId)).toEqual([]);
    await context.close();

    // The right details in a new conversation: the same words, and a code in the mail outbox.
    const context2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page2 = await context2.newPage();
    await page2.route(`${url}/code-shop.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><title>Code Shop</title><h1>Code Shop</h1><script src="/widget.js" data-shop="${shopId}" async></script>` }),
    );
    await page2.goto(`${url}/code-shop.html`);
    await w(page2, '.aisle-launcher').click();
    await w(page2, 'textarea').waitFor({ state: 'visible' });
    const form2 = (await ask(page2, 'Where is my order?')).locator('form.aisle-guest');
    await form2.getByLabel('Order number').fill('cs 7001');
    await form2.getByLabel('Email used for the order').fill('Code.Buyer@Example.test');
    await form2.getByRole('button', { name: 'Show my order' }).click();
    const code2 = form2.getByLabel('6-digit code from the email');
    await code2.waitFor({ state: 'visible' });
    expect(await form2.locator('.aisle-guest-hint').textContent()).toBe(wrongWords);
    expect(await w(page2, '.aisle-order').count()).toBe(0);

    await expect.poll(() => mailsTo(shopId).then((m) => m.length), { timeout: 20_000, interval: 1000 }).toBe(1);
    const [mail] = await mailsTo(shopId);
    expect(mail.to).toBe('code.buyer@example.test');
    const code = mail.text.split(' is ')[1]!.slice(0, 6);
    // A wrong code is announced at the field; the right one opens the order.
    await code2.fill(code === '000000' ? '000001' : '000000');
    await code2.press('Enter');
    await expect.poll(() => form2.locator('[role="alert"]').textContent(), { timeout: 10_000 }).toMatch(/didn't work/);
    expect(await code2.getAttribute('aria-invalid')).toBe('true');
    await code2.fill(code);
    await code2.press('Enter');
    await expect.poll(() => w(page2, '.aisle-order').count(), { timeout: 15_000 }).toBe(1);
    expect(await w(page2, '.aisle-order').textContent()).toContain('CS-7001');
    await page2.screenshot({ path: `${SCREENSHOTS}guest-order-code-verified.png` });
    await context2.close();
  });
});

/** Mail the Worker queued for a shop, read from local D1 (the send_email binding is emulated locally). */
async function mailsTo(shopId: string): Promise<{ to: string; text: string }[]> {
  const root = new URL('../../', import.meta.url).pathname;
  const r = spawnSync(
    `${root}node_modules/.bin/wrangler`,
    ['d1', 'execute', 'DB', '--local', '-c', `${root}edge/wrangler.jsonc`, '--persist-to', stack().stateDir, '--json', '--command', `SELECT to_address, text_body FROM mail_outbox WHERE shop_id = '${shopId}' ORDER BY created_at`],
    { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', NO_COLOR: '1' } },
  );
  if (r.status !== 0) throw new Error(`reading the mail outbox failed: ${r.stderr}`);
  const rows = (JSON.parse(r.stdout) as { results: { to_address: string; text_body: string }[] }[])[0]?.results ?? [];
  return rows.map((x) => ({ to: x.to_address, text: x.text_body }));
}
