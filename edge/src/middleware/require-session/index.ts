import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { CSRF_HEADER, csrfMatches, loadSession, sessionCookieName, type PersonKind } from '../../sessions';

export interface RequireSessionOptions {
  /** Which people may use the route, e.g. `['agent', 'admin']` or `['admin']`. */
  kinds: PersonKind[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A person's session (see edge/src/sessions): the `__Host-` cookie of THIS shop, alive, of one of
 * `kinds`. On state-changing methods also the CSRF token (`x-aisle-csrf`) and an Origin equal to
 * the Worker's own. Sets `c.get('session')`. Runs after `loadShop`.
 */
export const requireSession = (options: RequireSessionOptions): MiddlewareHandler<AppEnv> => {
  if (!options.kinds?.length) throw new Error('requireSession needs `kinds`, e.g. { kinds: ["agent", "admin"] }');
  const kinds = new Set(options.kinds);
  return async function requireSession(c, next) {
    const shop = c.get('shop');
    if (!SAFE_METHODS.has(c.req.method)) assertSameOrigin(c.req.header('origin'), c.req.url);
    const cookie = getCookie(c, sessionCookieName(shop.id));
    const session = cookie ? await loadSession(c.env, shop.id, cookie) : null;
    if (!session) throw new ApiError('unauthorized', 'Sign in first');
    if (!kinds.has(session.kind)) throw new ApiError('forbidden', `This page is for ${[...kinds].join(' or ')} keys`);
    if (!SAFE_METHODS.has(c.req.method) && !(await csrfMatches(session, c.req.header(CSRF_HEADER)))) {
      throw new ApiError('forbidden', 'Missing or wrong CSRF token');
    }
    c.set('session', session);
    await next();
  };
};

/** Refuses a state-changing request whose Origin is not the Worker's own (or is missing). */
export function assertSameOrigin(origin: string | undefined, requestUrl: string): void {
  if (!origin || origin !== new URL(requestUrl).origin) throw new ApiError('forbidden', 'Cross-site request refused');
}
