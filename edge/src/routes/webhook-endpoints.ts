import { Hono } from 'hono';
import { z } from 'zod';
import { WebhookEventSelector } from '../../../shared/ticket';
import type { AppEnv } from '../env';
import {
  allowLocalWebhooks,
  createEndpoint,
  deleteEndpoint,
  dropOldSecrets,
  endpointView,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  setEndpointDisabled,
  webhookUrlProblem,
} from '../handoff/endpoints';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { requireAdmin } from '../middleware/admin-access';

/** Where handoff tickets are delivered. Admin key. Secrets are shown once, when created or rotated. */
export const webhookEndpointRoutes = new Hono<AppEnv>();

const adminOnly = requireAdmin();
const IdParam = z.object({ shop: z.string(), id: z.string().min(1).max(100) });
const MAX_ENDPOINTS = 10;

async function endpointOr404(c: { env: Env; get(key: 'shop'): { id: string } }, id: string) {
  const row = await getEndpoint(c.env.DB, c.get('shop').id, id);
  if (!row) throw new ApiError('not_found', 'Unknown webhook endpoint');
  return row;
}

const CreateEndpoint = z.strictObject({
  url: z.string().max(2000),
  /** Added in v1.1: which events this endpoint gets (default `ticket.created` and `ticket.updated`). */
  events: z.array(WebhookEventSelector).min(1).max(10).optional(),
});

webhookEndpointRoutes.post('/webhook-endpoints', adminOnly, validate('json', CreateEndpoint), async (c) => {
  const { url, events } = c.req.valid('json');
  const problem = webhookUrlProblem(url, allowLocalWebhooks(c.env));
  if (problem) throw new ApiError('invalid_request', `Invalid webhook URL: ${problem}`, [{ path: ['url'], message: problem }]);
  const shopId = c.get('shop').id;
  if ((await listEndpoints(c.env.DB, shopId)).length >= MAX_ENDPOINTS) throw new ApiError('conflict', `A shop can have at most ${MAX_ENDPOINTS} webhook endpoints`);
  const { row, secret } = await createEndpoint(c.env.DB, c.env.AISLE_SECRET_KEY, shopId, new URL(url).href, events);
  return c.json({ ...endpointView(row), secret }, 201);
});

webhookEndpointRoutes.get('/webhook-endpoints', adminOnly, async (c) => {
  const rows = await listEndpoints(c.env.DB, c.get('shop').id);
  return c.json({ endpoints: rows.map(endpointView) });
});

webhookEndpointRoutes.post('/webhook-endpoints/:id/rotate-secret', adminOnly, validate('param', IdParam), async (c) => {
  const row = await endpointOr404(c, c.req.valid('param').id);
  const secret = await rotateSecret(c.env.DB, c.env.AISLE_SECRET_KEY, row);
  return c.json({ id: row.id, secret, liveSecrets: Math.min(2, (JSON.parse(row.secrets) as string[]).length + 1) });
});

webhookEndpointRoutes.delete('/webhook-endpoints/:id/secrets/old', adminOnly, validate('param', IdParam), async (c) => {
  const row = await endpointOr404(c, c.req.valid('param').id);
  await dropOldSecrets(c.env.DB, row);
  return c.json({ id: row.id, liveSecrets: 1 });
});

/** Re-enables an endpoint that was disabled (for example after a 410). */
webhookEndpointRoutes.post('/webhook-endpoints/:id/enable', adminOnly, validate('param', IdParam), async (c) => {
  const row = await endpointOr404(c, c.req.valid('param').id);
  await setEndpointDisabled(c.env.DB, row.shop_id, row.id, null);
  return c.json(endpointView((await getEndpoint(c.env.DB, row.shop_id, row.id))!));
});

webhookEndpointRoutes.delete('/webhook-endpoints/:id', adminOnly, validate('param', IdParam), async (c) => {
  if (!(await deleteEndpoint(c.env.DB, c.get('shop').id, c.req.valid('param').id))) throw new ApiError('not_found', 'Unknown webhook endpoint');
  return c.body(null, 204);
});
