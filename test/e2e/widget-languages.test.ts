import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOTS, stack } from './harness';

/**
 * Italian and Portuguese shoppers: the widget speaks the page's language (its own strings chunk)
 * and the Worker answers in the language the shopper writes in, from the language packs.
 */
let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  const { url, demo } = stack();
  server = createServer((req, res) => {
    const lang = req.url === '/it' ? 'it' : req.url === '/pt' ? 'pt-PT' : null;
    res.writeHead(lang ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    if (!lang) return res.end();
    res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Negozio</title></head>
<body><h1>Shop</h1><script src="${url}/widget.js" data-shop="demo" data-title="Nordwind" async></script></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
  await browser?.close();
});

const launcher = (page: Page) => page.locator('aisle-widget .aisle-launcher');
const input = (page: Page) => page.locator('aisle-widget textarea');

async function ask(page: Page, text: string) {
  const before = await page.locator('aisle-widget .aisle-assistant').count();
  await input(page).fill(text);
  await input(page).press('Enter');
  await expect.poll(() => page.locator('aisle-widget .aisle-assistant').count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => page.locator('aisle-widget [aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
  return page.locator('aisle-widget .aisle-assistant').last();
}

describe('widget for Italian and Portuguese shoppers', () => {
  for (const { path, openChat, placeholder, question, reply } of [
    { path: '/it', openChat: 'Apri la chat', placeholder: 'Scrivi il tuo messaggio…', question: 'Quanto costa la spedizione in Austria?', reply: /Dalla nostra pagina/ },
    { path: '/pt', openChat: 'Abrir o chat', placeholder: 'Escreva a sua mensagem…', question: 'Quanto custa o envio para a Áustria?', reply: /Da nossa página/ },
  ]) {
    it(`shows its own words and answers in the shopper's language (${path.slice(1)})`, async () => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      page.on('pageerror', (err) => {
        throw err;
      });
      await page.goto(`${origin}${path}`);
      await expect.poll(() => launcher(page).getAttribute('aria-label'), { timeout: 15_000 }).toBe(openChat);
      await launcher(page).click();
      await input(page).waitFor({ state: 'visible' });
      expect(await input(page).getAttribute('placeholder')).toBe(placeholder);
      const answer = await ask(page, question);
      expect(await answer.textContent()).toMatch(reply);
      await page.screenshot({ path: `${SCREENSHOTS}widget-${path.slice(1)}.png` });
      await page.context().close();
    });
  }
});
