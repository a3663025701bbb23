import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';

/**
 * The Content-Security-Policy of people's pages (agent workspace, console): only this origin's
 * scripts, styles, images and fetches; no inline script, no plugins, no framing by anyone.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers for pages and API answers that people's sessions use: strict CSP,
 * `frame-ancestors 'none'` (and X-Frame-Options for old browsers), `no-store`, no sniffing,
 * no referrer. Set after the handler so a handler's own Response gets them too.
 */
export const securePage = (): MiddlewareHandler<AppEnv> =>
  async function securePage(c, next) {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', PAGE_CSP);
    h.set('X-Frame-Options', 'DENY');
    h.set('Cache-Control', 'no-store');
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
  };
