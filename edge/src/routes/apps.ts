import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { securePage } from '../middleware/secure-page';

/**
 * The people's single-page apps, built by scripts/build-apps.mjs into public/<app>/:
 * /agent/<shop> (agent workspace) and /console/<shop> (merchant console).
 * They go through the Worker (run_worker_first) so every page and asset gets securePage()'s
 * strict CSP and frame-ancestors 'none': an approve or reply button must not be framable.
 * Paths under <app>/assets/ are files; any other path under the app is the app's index.html,
 * which reads the shop from its path and signs in through /v1/shops/:shop/sessions.
 */
export const PEOPLE_APPS = ['agent', 'console'] as const;

export const appRoutes = new Hono<AppEnv>();

for (const app of PEOPLE_APPS) {
  appRoutes.use(`/${app}`, securePage());
  appRoutes.use(`/${app}/*`, securePage());
  appRoutes.get(`/${app}`, (c) => c.redirect(`/${app}/`, 308));
  appRoutes.get(`/${app}/*`, async (c) => {
    const url = new URL(c.req.url);
    const isAsset = url.pathname.startsWith(`/${app}/assets/`);
    const target = isAsset ? url : new URL(`/${app}/index.html`, url);
    const res = await c.env.ASSETS.fetch(new Request(target, { method: 'GET' }));
    if (isAsset) return new Response(res.body, res);
    if (!res.ok && res.status !== 304) return c.json({ error: { code: 'not_found', message: `The ${app} app is not built (npm run build)` } }, 404);
    // Workers assets may answer index.html with a redirect to the folder; follow it here.
    const page = res.status >= 300 && res.status < 400 ? await c.env.ASSETS.fetch(new Request(new URL(`/${app}/`, url))) : res;
    return new Response(page.body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  });
}
