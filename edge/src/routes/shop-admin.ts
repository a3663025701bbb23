import { Hono } from 'hono';
import { Origin, ShopSettingsPatch, ShopSettings } from '../../../shared/shop';
import { z } from 'zod';
import type { AppEnv } from '../env';
import { validate } from '../lib/validate';
import { requireKey } from '../middleware/require-key';
import { getShop, shopView, updateShop } from '../shops/store';

/** A shop's own settings, with its admin key. */
export const shopAdminRoutes = new Hono<AppEnv>();

shopAdminRoutes.get('/', requireKey({ kind: 'admin' }), (c) => c.json({ shop: shopView(c.get('shop')) }));

shopAdminRoutes.patch(
  '/',
  requireKey({ kind: 'admin' }),
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
    const settings = body.settings ? ShopSettings.parse({ ...shop.settings, ...body.settings }) : undefined;
    await updateShop(c.env.DB, shop.id, { name: body.name, settings, allowedOrigins: body.allowedOrigins });
    return c.json({ shop: shopView((await getShop(c.env.DB, shop.id))!) });
  },
);
