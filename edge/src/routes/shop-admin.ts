import { AgentKeyCreate } from '../../../shared/agent';
import { setAgentProfile } from '../agent/profiles';
import { Hono } from 'hono';
import { Origin, ShopSettingsPatch, ShopSettings } from '../../../shared/shop';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { validate } from '../lib/validate';
import { requireAdmin } from '../middleware/admin-access';
import { getShop, shopView, updateShop } from '../shops/store';
import { auditStatement } from '../audit/log';
import { ApiError } from '../lib/errors';
import { deleteCustomerData } from '../shops/customer-data';
import { removeIdentitySecret, rotateIdentitySecret } from '../shops/identity-secrets';
import { createAgentKey, listKeys, revokeAgentKey, rotateAdminKey } from '../shops/keys';

/** A shop's own settings, with its admin key. */
export const shopAdminRoutes = new Hono<AppEnv>();

shopAdminRoutes.get('/', requireAdmin(), (c) => c.json({ shop: shopView(c.get('shop')) }));

shopAdminRoutes.patch(
  '/',
  requireAdmin(),
  validate(
    'json',
    z.strictObject({
      name: z.string().trim().min(1).max(120).optional(),
      allowedOrigins: z.array(Origin).max(50).optional(),
      settings: ShopSettingsPatch.optional(),
    }),
  ),
  async (c) => {
    const shop = c.get('shop');
    const body = c.req.valid('json');
    // Each settings group the caller sent replaces the stored one; groups it did not send stay.
    // (zod 4 fills defaults even in .partial() fields, so the parsed patch alone would reset them.)
    const sent = Object.keys(((await c.req.json()) as { settings?: object }).settings ?? {});
    const patch = Object.fromEntries(Object.entries(body.settings ?? {}).filter(([k]) => sent.includes(k)));
    const settings = body.settings ? ShopSettings.parse({ ...shop.settings, ...patch }) : undefined;
    await updateShop(c.env.DB, shop.id, { name: body.name, settings, allowedOrigins: body.allowedOrigins });
    return c.json({ shop: shopView((await getShop(c.env.DB, shop.id))!) });
  },
);

// --- Allowed origins: the exact origins whose pages may call the shopper endpoints. ---

const MAX_ORIGINS = 50;
const OriginBody = z.strictObject({ origin: Origin });

shopAdminRoutes.post('/origins', requireAdmin(), validate('json', OriginBody), async (c) => {
  const shop = c.get('shop');
  const { origin } = c.req.valid('json');
  if (!shop.allowedOrigins.includes(origin)) {
    if (shop.allowedOrigins.length >= MAX_ORIGINS) throw new ApiError('conflict', `A shop can allow at most ${MAX_ORIGINS} origins; remove one first`);
    await updateShop(c.env.DB, shop.id, { allowedOrigins: [...shop.allowedOrigins, origin] });
  }
  return c.json({ allowedOrigins: (await getShop(c.env.DB, shop.id))!.allowedOrigins });
});

shopAdminRoutes.delete('/origins', requireAdmin(), validate('json', OriginBody), async (c) => {
  const shop = c.get('shop');
  const { origin } = c.req.valid('json');
  // A typo should not look like success: an origin that was never allowed is a 404.
  if (!shop.allowedOrigins.includes(origin)) throw new ApiError('not_found', `${origin} is not an allowed origin of this shop`);
  await updateShop(c.env.DB, shop.id, { allowedOrigins: shop.allowedOrigins.filter((o) => o !== origin) });
  return c.json({ allowedOrigins: (await getShop(c.env.DB, shop.id))!.allowedOrigins });
});

// --- Agent keys: one per helpdesk integration or person, revocable one by one. ---

const KeyIdParam = z.object({ shop: z.string(), id: z.string().min(1).max(100) });

shopAdminRoutes.post(
  '/agent-keys',
  requireAdmin(),
  validate('json', AgentKeyCreate),
  async (c) => {
    const { label, name, email } = c.req.valid('json');
    const created = await createAgentKey(c.env.DB, c.get('shop').id, label ?? null);
    // Added in v1.1: the display name shoppers see next to this agent's replies, and where notices go.
    const profile = name || email ? await setAgentProfile(c.env.DB, c.get('shop').id, created.id, { displayName: name ?? label ?? 'Support', email: email ?? null }) : null;
    // The key is shown here once; only its hash is stored.
    return c.json({ ...created, profile }, 201);
  },
);

shopAdminRoutes.get('/agent-keys', requireAdmin(), async (c) => c.json({ agentKeys: await listKeys(c.env.DB, c.get('shop').id, 'agent') }));

shopAdminRoutes.delete('/agent-keys/:id', requireAdmin(), validate('param', KeyIdParam), async (c) => {
  const revoked = await revokeAgentKey(c.env.DB, c.get('shop').id, c.req.valid('param').id);
  if (!revoked) throw new ApiError('not_found', 'This shop has no agent key with that id');
  return c.json(revoked);
});

// --- Admin key: rotating it revokes every older admin key at once. ---

shopAdminRoutes.post('/admin-keys/rotate', requireAdmin(), async (c) => {
  const rotated = await rotateAdminKey(c.env.DB, c.get('shop').id);
  return c.json({ id: rotated.id, adminKey: rotated.key, createdAt: rotated.createdAt }, 201);
});

// --- Identity secrets: sign customer tokens; two stay live during a rotation. ---

shopAdminRoutes.post('/identity-secrets/rotate', requireAdmin(), async (c) => {
  const rotated = await rotateIdentitySecret(c.env.DB, c.env.AISLE_SECRET_KEY, c.get('shop'));
  return c.json(rotated, 201);
});

shopAdminRoutes.delete(
  '/identity-secrets/:kid',
  requireAdmin(),
  validate('param', z.object({ shop: z.string(), kid: z.string().min(1).max(40) })),
  async (c) => {
    const result = await removeIdentitySecret(c.env.DB, c.get('shop'), c.req.valid('param').kid);
    if (!result.ok && result.reason === 'not_found') throw new ApiError('not_found', 'This shop has no identity secret with that kid');
    if (!result.ok) throw new ApiError('conflict', 'This is the only identity secret: rotate first, then remove the old one');
    return c.json({ liveKids: result.liveKids });
  },
);

// --- Erasure of one customer's data (a data-subject request). ---

shopAdminRoutes.delete(
  '/customers/:customerId',
  requireAdmin(),
  validate('param', z.object({ shop: z.string(), customerId: z.string().min(1).max(128) })),
  async (c) => {
    const shop = c.get('shop');
    const { customerId } = c.req.valid('param');
    const { mail, ...deleted } = await deleteCustomerData(c.env.DB, shop.id, customerId);
    // The erasure itself is recorded with its counts, but not whose it was.
    await auditStatement(c.env.DB, { shopId: shop.id, kind: 'admin', data: { action: 'customer.deleted', deleted: { ...deleted, mail } } }).run();
    // The response keeps its v1.0 shape; the mail count is in the audit record.
    return c.json({ deleted });
  },
);
