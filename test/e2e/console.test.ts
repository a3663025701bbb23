import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';
import { EXPECTED, seedDay, seedModel } from './console-seed';
import { launchBrowser, SCREENSHOTS } from './harness';
import { hasToolResult, lastUserText, startScriptedOpenAI } from './scripted-openai';

/**
 * The merchant console in Chromium, against a Worker of its own (wrangler dev, as `npm start`)
 * whose model is the scripted OpenAI server, so a day with a guard block and model fallbacks can
 * be seeded through the real chat API. Only the model is scripted.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const PORT = 8841;

let openai: Awaited<ReturnType<typeof startScriptedOpenAI>>;
let stack: { url: string; demo: { shopId: string; adminKey: string }; stop(): Promise<void> };
let dir: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  openai = await startScriptedOpenAI((req) => seedModel(lastUserText(req), hasToolResult(req)));
  dir = mkdtempSync(path.join(tmpdir(), 'aisle-console-'));
  const devVarsFile = path.join(dir, '.dev.vars');
  writeFileSync(devVarsFile, `OPENAI_API_KEY=sk-test-scripted\nOPENAI_BASE_URL=${openai.baseURL}\n`);
  stack = await startStack({ port: PORT, persistTo: path.join(dir, 'state'), devVarsFile, quiet: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  // Reduced motion: the preview's panel fades in (0.18 s) each time it mounts, and axe reading a
  // half-faded panel reports contrast that no shopper sees once it has opened.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' })).newPage();
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await openai?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shop = () => stack.demo.shopId;
const admin = () => ({ authorization: `Bearer ${stack.demo.adminKey}` });

function aisle(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'cli/aisle.mjs'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', AISLE_URL: stack.url, AISLE_ADMIN_KEY: stack.demo.adminKey }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

interface AxeFinding {
  id: string;
  impact: string | null;
  nodes: { target: unknown; failureSummary?: string }[];
}
async function axe() {
  // The console's CSP refuses inline scripts (addScriptTag); evaluate runs outside the page's CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeFinding[] }> } }).axe;
    return (await a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })).violations;
  });
  return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => [n.target, n.failureSummary]) }));
}

const text = (selector: string) => page.locator(selector).first().textContent();
const go = async (hash: string, heading: string) => {
  await page.getByRole('link', { name: heading, exact: true }).click();
  await page.waitForFunction((h) => location.hash === h, `#${hash}`);
  await page.getByRole('heading', { level: 2, name: heading === 'Set-up' ? 'Set-up checklist' : heading }).waitFor();
};

describe('merchant console', () => {
  it('signs in with the admin key through a session; the page never keeps the key', async () => {
    await page.goto(`${stack.url}/console/${shop()}`);
    await page.getByLabel('Your admin key').fill(stack.demo.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set-up checklist' }).waitFor();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(stack.demo.adminKey);
    // Every console call after sign-in went with the cookie, none with the key as a bearer. The
    // checklist's heading can render before its data request has started: wait for the request.
    await expect.poll(() => requests.filter((r) => r.includes('/console/setup')).length, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('shows a checklist that reflects the real imports', async () => {
    const data = (f: string) => JSON.parse(readFileSync(path.join(ROOT, `edge/src/demo/data/${f}.json`), 'utf8'));
    expect(await text('[data-testid=catalog-count] strong')).toBe(String(data('catalog').products.length));
    expect(await text('[data-testid=policies-count] strong')).toBe(String(data('policies').policies.length));
    expect(await text('[data-testid=orders-count] strong')).toBe(String(data('orders').orders.length));
    // The same tag as `aisle snippet`, look included.
    const snippet = await aisle(['snippet', '--shop', shop()]);
    expect(snippet.code, snippet.stderr).toBe(0);
    expect(await text('#con-snippet')).toBe(snippet.stdout.trim());
    const setup = await (await fetch(`${stack.url}/v1/shops/${shop()}/console/setup`, { headers: admin() })).json();
    for (const o of setup.allowedOrigins as string[]) expect(await page.locator('[data-testid=origins]').textContent()).toContain(o);
    expect(await page.locator('main').textContent()).toContain(setup.identityKeys[0].kid);
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-setup.png`, fullPage: true });
  });

  it('previews the widget colour live, with the real widget and no chat call', async () => {
    await go('settings', 'Settings');
    const launcher = page.locator('[data-testid=widget-preview] .aisle-launcher');
    await launcher.waitFor();
    const bg = () => launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.locator('[data-testid=widget-preview] textarea').waitFor();
    const before = await bg();
    await page.getByLabel('Colour as hex').fill('#aa2200');
    await page.waitForFunction((b) => {
      const l = document.querySelector('[data-testid=widget-preview] aisle-widget')?.shadowRoot?.querySelector('.aisle-launcher');
      return l && getComputedStyle(l).backgroundColor !== b;
    }, before);
    expect(await bg()).toBe('rgb(170, 34, 0)');
    // The launcher sits inside the preview box, not in the page's corner.
    const box = (await page.locator('[data-testid=widget-preview]').boundingBox())!;
    const l = (await launcher.boundingBox())!;
    expect(l.x + l.width).toBeLessThanOrEqual(box.x + box.width);
    expect(l.y + l.height).toBeLessThanOrEqual(box.y + box.height);
    // A message typed into the preview is answered by the preview transport.
    const sentBefore = requests.length;
    await page.locator('[data-testid=widget-preview] textarea').fill('Hello from the preview');
    await page.locator('[data-testid=widget-preview] textarea').press('Enter');
    await page.locator('[data-testid=widget-preview] p', { hasText: 'This is the preview' }).waitFor();
    expect(requests.slice(sentBefore).filter((r) => r.includes('/chat') || r.includes('/conversations'))).toEqual([]);
    expect(requests.filter((r) => r.includes('/v1/shops/') && r.includes('~preview'))).toEqual([]);
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-settings.png`, fullPage: true });
    // Saved, the colour is the shop's.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await (await fetch(`${stack.url}/v1/shops/${shop()}`, { headers: admin() })).json();
    expect(saved.shop.settings.widget.color).toBe('#aa2200');
    expect(saved.shop.settings.support.timeZone).toBe('Europe/Berlin');
  });

  it('searches the catalog and policies as the assistant sees them', async () => {
    await go('knowledge', 'Knowledge');
    await page.getByLabel('Question', { exact: true }).fill('waterproof jacket');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('[data-testid=product-hits] li').first().waitFor();
    const api = await (await fetch(`${stack.url}/v1/shops/${shop()}/catalog/search?q=waterproof%20jacket&limit=8`, { headers: admin() })).json();
    expect(await page.locator('[data-testid=product-hits] li strong').allTextContents()).toEqual(api.hits.map((h: { title: string }) => h.title));
    await page.getByLabel('Question', { exact: true }).fill('how long does shipping take');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('[data-testid=policy-hits] li').first().waitFor();
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-knowledge.png`, fullPage: true });
  });

  it('runs test questions after saying tokens count, and shows which pass and which fail', async () => {
    await go('tests', 'Test questions');
    const add = async (question: string, kind: string, category?: string) => {
      await page.getByLabel('Question', { exact: true }).fill(question);
      await page.getByLabel('A right answer').selectOption(kind);
      if (category) await page.getByLabel('Category').selectOption(category);
      await page.getByRole('button', { name: 'Add test question' }).click();
      await page.locator('[data-testid=questions] li', { hasText: question }).waitFor();
    };
    await add('Please cancel my order, I changed my mind', 'handoff', 'cancellation');
    await add('I want to cancel my order please', 'noHandoff');
    await page.getByRole('button', { name: 'Run 2 test questions' }).click();
    await expect(page.getByText('tokens count against the shop\'s daily token budget').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('[data-testid=run-results]').waitFor();
    const rows = await page.locator('[data-testid=run-results] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td strong')!.textContent, tr.children[1].textContent]));
    expect(rows).toEqual([
      ['PASS', 'Please cancel my order, I changed my mind'],
      ['FAIL', 'I want to cancel my order please'],
    ]);
    expect(await page.locator('[data-testid=run-results]').textContent()).toMatch(/expected no handoff/);
    await page.locator('[data-testid=history] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=history] tbody tr').count()).toBe(1);
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-tests.png`, fullPage: true });
  });

  it('shows exactly the seeded day on the page, in the API and in aisle stats', async () => {
    await seedDay(stack.url, shop(), stack.demo.adminKey);
    await go('metrics', 'Metrics');
    await page.getByRole('button', { name: 'Recompute now' }).click();
    await page.getByText(/Recomputed: \d+ rows written/).waitFor();
    await page.locator('[data-testid=summary] td[data-metric=turns]', { hasText: String(EXPECTED.turns) }).waitFor();

    const report = await (await fetch(`${stack.url}/v1/shops/${shop()}/metrics?days=30`, { headers: admin() })).json();
    expect(report.totals).toMatchObject(EXPECTED);
    // The page: the totals and every breakdown table.
    const cell = async (metric: string) => (await page.locator(`td[data-metric="${metric}"]`).first().textContent())!.trim();
    expect(await cell('turns')).toBe('21');
    expect(await cell('conversations')).toBe('21');
    expect(await cell('answered_without_person')).toBe('17 (81%)');
    expect(await cell('handoffs')).toBe('4');
    expect(await cell('blocked_promises')).toBe('1');
    expect(await cell('fallbacks')).toBe('2');
    expect(await cell('csat_count')).toBe('4.0 of 5 (1 ratings)');
    // Nothing of this day was held for approval (every class is autonomous).
    expect(await cell('assisted_held')).toBe('0');
    expect(await cell('assisted_modified')).toBe('-');
    for (const m of ['answer_class:product', 'answer_class:policy', 'answer_class:handoff', 'handoff_source:gate', 'handoff_source:guard', 'fallback:model_failure', 'engine:model', 'engine:offline'] as const) {
      expect(await cell(m), m).toBe(String(EXPECTED[m]));
    }
    expect(await cell('tokens')).toBe(report.totals.tokens.toLocaleString('en'));
    expect(report.totals.tokens).toBeGreaterThan(0);
    // The CLI, as JSON and as text.
    const json = await aisle(['stats', '--shop', shop(), '--days', '30', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).totals).toEqual(report.totals);
    const plain = await aisle(['stats', '--shop', shop(), '--days', '30']);
    expect(plain.stdout).toMatch(/turns\s+21\n/);
    expect(plain.stdout).toMatch(/answered without person\s+17 \(81%\)/);
    expect(plain.stdout).toMatch(/handoffs\s+4: by source gate 3, guard 1/);
    expect(plain.stdout).toMatch(/blocked promises\s+1/);
    expect(plain.stdout).toMatch(/satisfaction\s+4\.0 of 5 \(1 ratings\)/);
    expect(plain.stdout).toMatch(/assisted replies\s+held 0, approved 0, edited 0, timed out 0/);
    // The CSV export link is the API's CSV.
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
    expect(csv).toMatch(/,turns,21\r\n/);
    // Open every table view: the numbers are readable without the charts.
    for (const summary of await page.locator('details > summary', { hasText: 'Table view' }).all()) await summary.click();
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-metrics.png`, fullPage: true });
  });

  it('turns a knowledge gap into a test question', async () => {
    // The two model failures were answered by the offline engine: a gap with its count.
    const row = page.locator('[data-testid=gaps] tbody tr', { hasText: 'status500 do you have a waterproof jacket?' });
    expect(await row.locator('td').nth(1).textContent()).toBe('2');
    await row.getByRole('button', { name: /Make a test question/ }).click();
    await page.waitForFunction(() => location.hash === '#tests');
    const field = page.getByLabel('Question', { exact: true });
    // Until the form is rendered there is no field: wait for the field with the question in it.
    await page.waitForFunction(() => ((document.getElementById('tq-question') as HTMLTextAreaElement | null)?.value ?? '') !== '');
    expect(await field.inputValue()).toBe('status500 do you have a waterproof jacket?');
    await page.getByLabel('A right answer').selectOption('noHandoff');
    await page.getByRole('button', { name: 'Add test question' }).click();
    await page.locator('[data-testid=questions] li', { hasText: 'status500 do you have a waterproof jacket?' }).waitFor();
    expect(await page.locator('[data-testid=questions] li').count()).toBe(3);
  });

  it('is usable with the keyboard alone', async () => {
    await page.getByRole('link', { name: 'Set-up', exact: true }).focus();
    // Tab along the navigation to "Metrics" and open it with Enter.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Metrics');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#metrics');
    // Focus lands on the page's heading, so the next Tab starts in the new page.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('met-days');
    // A table view opens from the keyboard.
    await page.locator('details > summary').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details').first().getAttribute('open')).not.toBeNull();
  });

  it('sets assisted mode per class with aisle shop set and on the settings page', async () => {
    const bad = await aisle(['shop', 'set', '--shop', shop(), '--assisted-product', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('autonomous or assisted');
    const set = await aisle(['shop', 'set', '--shop', shop(), '--assisted-product', 'assisted', '--assisted-timeout', '20']);
    expect(set.code, set.stderr).toBe(0);
    const read = async () => (await (await fetch(`${stack.url}/v1/shops/${shop()}`, { headers: admin() })).json()).shop.settings;
    expect((await read()).assisted).toEqual({ product: 'assisted', policy: 'autonomous', order: 'autonomous', other: 'autonomous' });
    expect((await read()).assistedTimeout).toBe(20);
    await page.reload();
    await go('settings', 'Settings');
    expect(await page.getByLabel('Product answers').inputValue()).toBe('assisted');
    expect(await page.getByLabel('Approval time (minutes)').inputValue()).toBe('20');
    await page.getByLabel('Product answers').selectOption('autonomous');
    await page.getByLabel('Policy answers').selectOption('assisted');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await read()).assisted).toEqual({ product: 'autonomous', policy: 'assisted', order: 'autonomous', other: 'autonomous' });
    expect(await axe()).toEqual([]);
    await page.locator('fieldset', { hasText: 'Assisted mode' }).screenshot({ path: `${SCREENSHOTS}console-assisted-mode.png` });
    expect((await aisle(['shop', 'set', '--shop', shop(), '--assisted-policy', 'autonomous'])).code).toBe(0);
  });

  it('sends account closing to a person with aisle shop set and on the settings page (v1.3)', async () => {
    const bad = await aisle(['shop', 'set', '--shop', shop(), '--account-closing', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('person, answer');
    const read = async () => (await (await fetch(`${stack.url}/v1/shops/${shop()}`, { headers: admin() })).json()).shop.settings;
    expect((await aisle(['shop', 'set', '--shop', shop(), '--account-closing', 'person'])).code).toBe(0);
    expect((await read()).routeToPerson).toEqual({ accountClosing: true });
    await page.reload();
    await go('settings', 'Settings');
    const box = page.getByLabel('Requests to close or delete an account');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await read()).routeToPerson).toEqual({ accountClosing: false });
    expect(await axe()).toEqual([]);
  });

  it('ends the session when the admin key is rotated', async () => {
    const rotated = await fetch(`${stack.url}/v1/shops/${shop()}/admin-keys/rotate`, { method: 'POST', headers: admin() });
    expect(rotated.status).toBe(201);
    // The open page finds out on its next call and asks for the key again.
    await page.getByRole('link', { name: 'Set-up', exact: true }).click();
    await page.getByLabel('Your admin key').waitFor();
    await page.reload();
    await page.getByLabel('Your admin key').waitFor();
    expect(await page.evaluate(async (s) => (await fetch(`/v1/shops/${s}/console/setup`)).status, shop())).toBe(401);
  });
});
