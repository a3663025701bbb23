import { Hono } from 'hono';
import { readSetupChecklist } from '../console/setup';
import type { AppEnv } from '../env';
import { requireAdmin } from '../middleware/admin-access';

/** Added in v1.1: reads made for the merchant console (admin key or admin session). */
export const consoleRoutes = new Hono<AppEnv>();

/** The set-up checklist: origins, snippet, imports with counts and dates, webhooks, identity key ids. */
consoleRoutes.get('/console/setup', requireAdmin(), async (c) =>
  c.json(await readSetupChecklist(c.env.DB, c.get('shop'), new URL(c.req.url).origin), 200, { 'cache-control': 'no-store' }),
);
