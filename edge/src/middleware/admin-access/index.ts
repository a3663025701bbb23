import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';
import { sessionCookieName } from '../../sessions';
import { requireKey } from '../require-key';
import { requireSession } from '../require-session';

/**
 * Admin routes that the merchant console uses: the admin key as a bearer (CLI, scripts), or a
 * signed-in admin session (the console's cookie, with CSRF and same Origin on writes).
 * A request that carries `Authorization` is judged by the key alone, so a wrong key is a 401
 * even when the browser also holds a session; with neither, the refusal names the admin key. Agent sessions are refused (403), as are agent keys.
 */
export const requireAdmin = (): MiddlewareHandler<AppEnv> => {
  const byKey = requireKey({ kind: 'admin' });
  const bySession = requireSession({ kinds: ['admin'] });
  return async function requireAdmin(c, next) {
    // No key and no session cookie: the key's refusal, which names what the CLI is missing.
    const useSession = c.req.header('authorization') === undefined && getCookie(c, sessionCookieName(c.get('shop').id)) !== undefined;
    return useSession ? bySession(c, next) : byKey(c, next);
  };
};
