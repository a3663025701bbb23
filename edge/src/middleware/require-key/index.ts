import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { findKey } from '../../shops/store';

export interface RequireKeyOptions {
  /** Which keys open this route. Admin keys also open agent routes unless `adminAllowed` is false. */
  kind: 'admin' | 'agent';
  adminAllowed?: boolean;
}

function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

/**
 * Admin and agent routes: `Authorization: Bearer <key>` with a live key of THIS shop.
 * A key of another shop, a revoked key or a customer token is 401 like no key at all.
 */
export const requireKey = (options: RequireKeyOptions): MiddlewareHandler<AppEnv> => {
  const kinds: ('admin' | 'agent')[] = options.kind === 'agent' && options.adminAllowed !== false ? ['agent', 'admin'] : [options.kind];
  return async function requireKey(c, next) {
    const presented = bearer(c.req.header('authorization'));
    if (!presented) throw new ApiError('unauthorized', `This endpoint needs the shop's ${options.kind} key`);
    const shop = c.get('shop');
    for (const kind of kinds) {
      if (await findKey(c.env.DB, shop.id, kind, presented)) return next();
    }
    throw new ApiError('unauthorized', `Not a valid ${options.kind} key for this shop`);
  };
};

/** The operator credential (a Worker secret) creates shops; it is not a shop key. */
export const requireOperator = (): MiddlewareHandler<AppEnv> =>
  async function requireOperator(c, next) {
    const expected = c.env.AISLE_OPERATOR_KEY;
    const presented = bearer(c.req.header('authorization'));
    if (!expected) throw new ApiError('forbidden', 'AISLE_OPERATOR_KEY is not configured on this Worker');
    const { timingSafeEqual } = await import('../../lib/crypto');
    if (!presented || !timingSafeEqual(presented, expected)) throw new ApiError('unauthorized', 'This endpoint needs the operator key');
    await next();
  };
