import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { verifyCustomerToken } from '../../identity/verify';
import { ApiError } from '../../lib/errors';
import { identitySecrets } from '../../shops/store';

/**
 * Sets `identity` from `Authorization: Bearer <customer token>`. No header means guest;
 * a bad or expired token is a 401, never a silent downgrade to guest.
 */
export const customerIdentity = (): MiddlewareHandler<AppEnv> =>
  async function customerIdentity(c, next) {
    const header = c.req.header('authorization');
    if (!header) {
      c.set('identity', { level: 'guest' });
      return next();
    }
    const m = header.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw new ApiError('invalid_token', 'The customer token is not valid');
    const shop = c.get('shop');
    const customer = await verifyCustomerToken(m[1], {
      shopId: shop.id,
      secrets: await identitySecrets(c.env.AISLE_SECRET_KEY, shop),
      maxLifetimeSeconds: shop.settings.maxTokenLifetimeSeconds,
    });
    c.set('identity', customer);
    await next();
  };
