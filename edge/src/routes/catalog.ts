import { Hono } from 'hono';
import { z } from 'zod';
import { CatalogImport } from '../../../shared/catalog';
import { toProductCard } from '../catalog/cards';
import { convertCatalog } from '../catalog/importers';
import { searchCatalog, type SearchStats } from '../catalog/search';
import { deleteProduct, getProduct, writeCatalog } from '../catalog/store';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { requireAdmin } from '../middleware/admin-access';

/** A shop's catalog, with its admin key: imports, merchant search, single products. */
export const catalogRoutes = new Hono<AppEnv>();

catalogRoutes.use('/catalog/*', requireAdmin());

const MAX_REPORTED_ISSUES = 500;

function convertOrReject(body: z.infer<typeof CatalogImport>) {
  const { products, issues } = convertCatalog(body.format, body.products, { currency: body.currency });
  if (issues.length) {
    const bad = new Set(issues.map((i) => i.path[1])).size;
    throw new ApiError(
      'invalid_request',
      `${bad} of ${body.products.length} products are invalid; nothing was imported${issues.length > MAX_REPORTED_ISSUES ? ` (first ${MAX_REPORTED_ISSUES} issues shown)` : ''}`,
      issues.slice(0, MAX_REPORTED_ISSUES),
    );
  }
  return products;
}

/** Replace: the products become the whole catalog. With `importId` and `final: false` they are staged. */
catalogRoutes.put('/catalog', validate('json', CatalogImport), async (c) => {
  const body = c.req.valid('json');
  const products = convertOrReject(body);
  const staged = body.importId !== undefined && !body.final;
  const result = await writeCatalog(c.env.DB, c.get('shop').id, products, { mode: staged ? 'stage' : 'replace', importId: body.importId });
  return c.json(result, staged ? 202 : 200);
});

/** Upsert: add or update these products, keep the others. */
catalogRoutes.post('/catalog', validate('json', CatalogImport), async (c) => {
  const body = c.req.valid('json');
  const products = convertOrReject(body);
  return c.json(await writeCatalog(c.env.DB, c.get('shop').id, products, { mode: 'upsert' }));
});

const SearchQuery = z.object({
  q: z.string().max(500).default(''),
  inStock: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
  category: z.string().max(200).optional(),
  minPrice: z.coerce.number().nonnegative().optional(),
  maxPrice: z.coerce.number().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** What shoppers would find: the cards the assistant would show, with scores and the time spent. */
catalogRoutes.get('/catalog/search', validate('query', SearchQuery), async (c) => {
  const q = c.req.valid('query');
  // Millisecond clocks: `bench:search` reads these over many searches. Locally the clock also
  // advances during computation; deployed Workers advance it only across I/O.
  const started = performance.now();
  const stats: SearchStats = { queries: 0, waitMs: 0, sqlMs: 0 };
  const hits = await searchCatalog(c.env.DB, c.get('shop').id, {
    query: q.q,
    inStock: q.inStock,
    category: q.category,
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    limit: q.limit,
  }, stats);
  const tookMs = performance.now() - started;
  const origin = new URL(c.req.url).origin;
  return c.json({
    hits: hits.map((h) => ({ ...toProductCard(h, origin), score: h.score })),
    tookMs,
    d1: { statements: stats.queries, waitMs: stats.waitMs, sqlMs: stats.sqlMs },
  });
});

catalogRoutes.get('/catalog/products/:id', async (c) => {
  const product = await getProduct(c.env.DB, c.get('shop').id, c.req.param('id'));
  if (!product) throw new ApiError('not_found', 'No such product in this catalog');
  return c.json({ product });
});

catalogRoutes.delete('/catalog/products/:id', async (c) => {
  if (!(await deleteProduct(c.env.DB, c.get('shop').id, c.req.param('id')))) throw new ApiError('not_found', 'No such product in this catalog');
  return c.body(null, 204);
});
