import { Hono } from 'hono';
import { z } from 'zod';
import { DraftDecision, DraftsQuery } from '../../../shared/agent';
import { requireAgent } from '../agent/auth';
import { decideDraft, listDrafts } from '../assisted/drafts';
import type { AppEnv } from '../env';
import { validate } from '../lib/validate';

/**
 * Assisted mode's drafts (added in v1.2): replies held for approval. Agent or admin key, or a
 * person's session with its CSRF token (the workspace), exactly as the rest of the agent API.
 */
export const draftRoutes = new Hono<AppEnv>();

const agent = requireAgent();
const IdParam = z.object({ shop: z.string(), id: z.string().min(1).max(100) });

draftRoutes.get('/drafts', agent, validate('query', DraftsQuery), async (c) => {
  const { status, limit } = c.req.valid('query');
  return c.json({ drafts: await listDrafts(c.env.DB, c.get('shop').id, status, limit) }, 200, { 'cache-control': 'no-store' });
});

/** `{}` approves the draft as written; `{ text }` sends an edit. 409 once it was decided (or timed out). */
draftRoutes.post('/drafts/:id/approve', agent, validate('param', IdParam), validate('json', DraftDecision), async (c) => {
  const shop = c.get('shop');
  const storefront = shop.allowedOrigins[0] ?? new URL(c.req.url).origin;
  const out = await decideDraft(c.env, shop, c.get('agent'), c.req.valid('param').id, c.req.valid('json').text, storefront);
  return c.json(out);
});
