import { Hono } from 'hono';
import { z } from 'zod';
import { PolicyImport } from '../../../shared/catalog';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { requireAdmin } from '../middleware/admin-access';
import { searchPolicies } from '../policies/search';
import { listPolicies, replacePolicies } from '../policies/store';

/** A shop's policy documents (shipping, returns...), with its admin key. */
export const policyRoutes = new Hono<AppEnv>();

policyRoutes.use('/policies', requireAdmin());
policyRoutes.use('/policies/*', requireAdmin());

/** Replaces all policy documents; answers how many passages they were split into. */
policyRoutes.put('/policies', validate('json', PolicyImport), async (c) => {
  const { policies } = c.req.valid('json');
  const ids = new Set<string>();
  const dup = policies.findIndex((p) => (ids.has(p.id) ? true : (ids.add(p.id), false)));
  if (dup >= 0) throw new ApiError('invalid_request', 'Policy ids must be unique', [{ path: ['policies', dup, 'id'], message: `duplicate id "${policies[dup].id}"` }]);
  return c.json(await replacePolicies(c.env.DB, c.get('shop').id, policies));
});

policyRoutes.get('/policies', async (c) => c.json({ policies: await listPolicies(c.env.DB, c.get('shop').id) }));

/** The passages the assistant would quote for a question (empty when none is relevant). */
policyRoutes.get(
  '/policies/search',
  validate('query', z.object({ q: z.string().min(1).max(1000), limit: z.coerce.number().int().min(1).max(10).default(3) })),
  async (c) => {
    const { q, limit } = c.req.valid('query');
    const started = performance.now();
    const passages = await searchPolicies(c.env.DB, c.get('shop').id, q, limit);
    return c.json({ passages, tookMs: performance.now() - started });
  },
);
