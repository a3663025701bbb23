import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { getShop } from '../../shops/store';

/** Loads the shop named in `/v1/shops/:shop/...`; an unknown shop is 404 for everyone. */
export const loadShop = (): MiddlewareHandler<AppEnv> =>
  async function loadShop(c, next) {
    const id = c.req.param('shop');
    const shop = id ? await getShop(c.env.DB, id) : null;
    if (!shop) throw new ApiError('not_found', 'Unknown shop');
    c.set('shop', shop);
    await next();
  };
