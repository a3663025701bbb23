import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { validate } from '../lib/validate';
import { requireAdmin } from '../middleware/admin-access';
import { metricsCsv, readMetrics } from '../metrics/read';
import { rollupShop } from '../metrics/rollup';
import { listGaps } from '../metrics/gaps';

/** Added in v1.1: daily metrics from the rollups (admin key). */
export const metricsRoutes = new Hono<AppEnv>();

const MetricsQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(30),
  format: z.enum(['json', 'csv']).default('json'),
});

metricsRoutes.get('/metrics', requireAdmin(), validate('query', MetricsQuery), async (c) => {
  const shop = c.get('shop');
  const { days, format } = c.req.valid('query');
  const report = await readMetrics(c.env.DB, shop.id, shop.settings.support.timeZone, days);
  if (format === 'csv') {
    return c.body(metricsCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="aisle-metrics-${shop.id}-${report.from}-${report.to}.csv"`,
      'cache-control': 'no-store',
    });
  }
  return c.json(report, 200, { 'cache-control': 'no-store' });
});

/** Recomputes this shop's last 7 days now (the daily cron does the same for every shop). */
metricsRoutes.post('/metrics/rollup', requireAdmin(), async (c) => {
  const shop = c.get('shop');
  const report = await rollupShop(c.env.DB, shop.id, shop.settings.support.timeZone, shop.settings.retentionDays, new Date());
  return c.json(report);
});

/** Added in v1.1: unanswered questions grouped by similar wording, most frequent first (redacted). */
metricsRoutes.get('/knowledge-gaps', requireAdmin(), validate('query', z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(30) })), async (c) => {
  const shop = c.get('shop');
  const since = new Date(Date.now() - c.req.valid('query').days * 86_400_000).toISOString();
  return c.json({ gaps: await listGaps(c.env.DB, shop.id, since) }, 200, { 'cache-control': 'no-store' });
});
