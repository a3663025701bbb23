import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { assertSameOrigin } from '../middleware/require-session';
import { CSRF_HEADER, csrfMatches, loadSession, sessionCookieName } from '../sessions';
import { findKey } from '../shops/store';

/** Who is acting on the agent API: a key (a helpdesk bridge) or a person's session (the workspace). */
export interface AgentActor {
  keyId: string;
  kind: 'agent' | 'admin';
  via: 'key' | 'session';
  /** For `session`: when the session ends (the live inbox socket closes then). */
  expiresAt?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    agent: AgentActor;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The agent API's door: `Authorization: Bearer <agent or admin key>` of THIS shop, or a person's
 * session cookie of this shop (then state-changing methods also need `x-aisle-csrf` and a
 * same-origin Origin, exactly as `requireSession`). A revoked key, its session, another shop's
 * cookie and a customer token are all 401. Sets `c.get('agent')`.
 */
export const requireAgent = (): MiddlewareHandler<AppEnv> =>
  async function requireAgent(c, next) {
    const shop = c.get('shop');
    const auth = c.req.header('authorization');
    if (auth) {
      const [scheme, presented, extra] = auth.trim().split(' ').filter(Boolean);
      if (scheme?.toLowerCase() !== 'bearer' || extra !== undefined) throw new ApiError('unauthorized', 'Not a valid agent key for this shop');
      if (presented) {
        for (const kind of ['agent', 'admin'] as const) {
          const key = await findKey(c.env.DB, shop.id, kind, presented);
          if (key) {
            c.set('agent', { keyId: key.id, kind, via: 'key' });
            return next();
          }
        }
      }
      throw new ApiError('unauthorized', "Not a valid agent key for this shop");
    }
    const cookie = getCookie(c, sessionCookieName(shop.id));
    if (!cookie) throw new ApiError('unauthorized', "This endpoint needs the shop's agent key or a signed-in session");
    if (!SAFE_METHODS.has(c.req.method)) assertSameOrigin(c.req.header('origin'), c.req.url);
    const session = await loadSession(c.env, shop.id, cookie);
    if (!session) throw new ApiError('unauthorized', 'Sign in first');
    if (!SAFE_METHODS.has(c.req.method) && !(await csrfMatches(session, c.req.header(CSRF_HEADER)))) {
      throw new ApiError('forbidden', 'Missing or wrong CSRF token');
    }
    c.set('session', session);
    const ends = Date.parse(session.expiresAt) < Date.parse(session.idleExpiresAt) ? session.expiresAt : session.idleExpiresAt;
    c.set('agent', { keyId: session.keyId, kind: session.kind, via: 'session', expiresAt: ends });
    await next();
  };
