import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

// The agent workspace and console are static apps served through the Worker, so each page and
// asset carries the people's-page CSP; an approve or reply button must never be framable.
describe.each(['agent', 'console'])('the %s app', (app) => {
  it('serves its page for a shop path with a strict CSP and no framing', async () => {
    const res = await SELF.fetch(`http://localhost/${app}/demo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('<div id="app">');
    // No inline script: every script is a file under /<app>/assets/.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(new RegExp(`src="/${app}/assets/[^"]+\\.js"`));

    const src = /src="([^"]+\.js)"/.exec(html)![1];
    const asset = await SELF.fetch(`http://localhost${src}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('redirects the bare path to the shop chooser', async () => {
    const res = await SELF.fetch(`http://localhost/${app}`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toMatch(new RegExp(`/${app}/$`));
  });

  it('answers a missing asset with 404, not the page', async () => {
    const res = await SELF.fetch(`http://localhost/${app}/assets/nope.js`);
    expect(res.status).toBe(404);
  });
});
