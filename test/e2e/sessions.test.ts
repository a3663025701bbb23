import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, stack } from './harness';

/**
 * A person's session in a real browser: Chromium on http://127.0.0.1 keeps the `__Host-`
 * Secure cookie (127.0.0.1 counts as a secure context), sends it back on same-origin
 * requests, and never on another site's.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  // Any page of the Worker's own origin: the sign-in form of the agent workspace will live here.
  await page.goto(`${stack().url}/healthz`);
});
afterAll(async () => {
  await browser?.close();
});

const demo = () => stack().demo;

describe('people sessions in Chromium on 127.0.0.1', () => {
  it('keeps the __Host- cookie, sends it back, needs the CSRF token to sign out, and forgets it after', async () => {
    expect(new URL(stack().url).hostname).toBe('127.0.0.1');
    const signIn = await page.evaluate(
      async ([shop, key]) => {
        const res = await fetch(`/v1/shops/${shop}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
        return { status: res.status, body: await res.json(), cookieVisibleToScript: document.cookie.includes('aisle_session') };
      },
      [demo().shopId, demo().agentKey],
    );
    expect(signIn.status).toBe(201);
    expect(signIn.cookieVisibleToScript).toBe(false); // HttpOnly
    const cookies = await context.cookies();
    const cookie = cookies.find((c) => c.name === `__Host-aisle_session_${demo().shopId}`);
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' });

    const me = await page.evaluate(async (shop) => {
      const res = await fetch(`/v1/shops/${shop}/sessions/current`);
      return { status: res.status, body: await res.json(), csp: res.headers.get('content-security-policy') };
    }, demo().shopId);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'agent', csrfToken: signIn.body.csrfToken });
    expect(me.csp).toContain("frame-ancestors 'none'");

    // Without the token the browser's own same-origin DELETE is refused and the session lives on.
    const noToken = await page.evaluate(async (shop) => (await fetch(`/v1/shops/${shop}/sessions/current`, { method: 'DELETE' })).status, demo().shopId);
    expect(noToken).toBe(403);
    const out = await page.evaluate(
      async ([shop, csrf]) => (await fetch(`/v1/shops/${shop}/sessions/current`, { method: 'DELETE', headers: { 'x-aisle-csrf': csrf } })).status,
      [demo().shopId, signIn.body.csrfToken as string],
    );
    expect(out).toBe(204);
    expect((await context.cookies()).some((c) => c.name.startsWith('__Host-aisle_session_'))).toBe(false);
    const after = await page.evaluate(async (shop) => (await fetch(`/v1/shops/${shop}/sessions/current`)).status, demo().shopId);
    expect(after).toBe(401);
  });

  it('gives another site nothing: session answers carry no CORS headers, so the browser blocks them', async () => {
    await page.evaluate(
      async ([shop, key]) => {
        await fetch(`/v1/shops/${shop}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
      },
      [demo().shopId, demo().agentKey],
    );
    // "localhost" is another site than 127.0.0.1: a page there tries to use the session.
    const other = await context.newPage();
    await other.goto(stack().url.replace('127.0.0.1', 'localhost') + '/healthz');
    const result = await other.evaluate(async ([base, shop]) => {
      try {
        const res = await fetch(`${base}/v1/shops/${shop}/sessions/current`, { credentials: 'include' });
        return `status ${res.status}`;
      } catch (err) {
        return `blocked: ${(err as Error).name}`;
      }
    }, [stack().url, demo().shopId] as const);
    // No CORS headers: the browser refuses to hand the answer to the other site.
    expect(result).toMatch(/^blocked/);
    await other.close();
  });
});
