import { Hono } from 'hono';
import { ShopCreate } from '../../../shared/shop';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { requireOperator } from '../middleware/require-key';
import { encryptSecret, randomSecret, sha256Hex } from '../lib/crypto';
import { nowIso } from '../lib/ids';
import { createShop, getShop, insertKey, newApiKey, shopView } from '../shops/store';

/** Operator endpoints: creating shops needs AISLE_OPERATOR_KEY, not any shop's key. */
export const operatorRoutes = new Hono<AppEnv>();

operatorRoutes.post('/', requireOperator(), validate('json', ShopCreate), async (c) => {
  const input = c.req.valid('json');
  if (await getShop(c.env.DB, input.id)) throw new ApiError('conflict', `Shop "${input.id}" already exists`);
  const created = await createShop(c.env.DB, c.env.AISLE_SECRET_KEY, input);
  // Keys and the identity secret are shown once, here; only hashes / ciphertext are stored.
  return c.json(
    {
      shop: shopView(created.shop),
      adminKey: created.adminKey,
      agentKey: created.agentKey,
      identitySecret: created.identitySecret,
      identityKid: created.shop.identityKeys[0].kid,
    },
    201,
  );
});

/**
 * Recovery: issues a fresh admin key, agent key and identity secret for an existing shop
 * (older admin keys are revoked). `npm start` uses it when local demo keys were lost.
 */
operatorRoutes.post('/:shop/recover-keys', requireOperator(), async (c) => {
  const shop = await getShop(c.env.DB, c.req.param('shop'));
  if (!shop) throw new ApiError('not_found', 'Unknown shop');
  const now = nowIso();
  const adminKey = newApiKey(shop.id, 'admin');
  const agentKey = newApiKey(shop.id, 'agent');
  const identitySecret = randomSecret(32);
  const kid = `k${Date.now().toString(36)}`;
  await c.env.DB.batch([
    c.env.DB.prepare("UPDATE shop_keys SET revoked_at = ? WHERE shop_id = ? AND kind = 'admin' AND revoked_at IS NULL").bind(now, shop.id),
    insertKey(c.env.DB, shop.id, 'admin', await sha256Hex(adminKey), 'recovered by operator', now),
    insertKey(c.env.DB, shop.id, 'agent', await sha256Hex(agentKey), 'recovered by operator', now),
    c.env.DB.prepare('UPDATE shops SET identity_secrets = ?, updated_at = ? WHERE id = ?').bind(
      JSON.stringify([{ kid, secret: await encryptSecret(c.env.AISLE_SECRET_KEY, identitySecret), createdAt: now }]),
      now,
      shop.id,
    ),
  ]);
  return c.json({ adminKey, agentKey, identitySecret, identityKid: kid });
});
