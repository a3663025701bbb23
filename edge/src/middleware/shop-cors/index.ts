import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';

// x-aisle-conversation-secret: added in v1.1 (sent by the client, answered on a conversation's first turn).
const ALLOW_HEADERS = 'authorization, content-type, x-aisle-conversation-secret';
const EXPOSE_HEADERS = 'retry-after, x-request-id, x-vercel-ai-ui-message-stream, x-aisle-conversation-secret';

/**
 * CORS for shopper endpoints, per shop: only the shop's allowed origins (exact match)
 * get `Access-Control-Allow-Origin`. Any other Origin, including `null`, is refused
 * with 403 before work is done. No Origin at all (a server, curl) passes.
 * Runs after `loadShop`, so a preflight names its shop too.
 */
export const shopCors = (): MiddlewareHandler<AppEnv> =>
  async function shopCors(c, next) {
    const origin = c.req.header('origin');
    c.header('Vary', 'Origin', { append: true });
    if (origin === undefined) {
      if (c.req.method === 'OPTIONS') return c.body(null, 204);
      return next();
    }
    const allowed = c.get('shop').allowedOrigins.includes(origin);
    if (!allowed) throw new ApiError('forbidden', 'This origin is not allowed for this shop');
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    // A handler that returns its own Response (the chat stream) drops headers set with c.header
    // before it ran, so they are set again on the final response.
    if (!c.res.headers.has('Access-Control-Allow-Origin')) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      if (!/\borigin\b/i.test(c.res.headers.get('Vary') ?? '')) c.res.headers.append('Vary', 'Origin');
    }
  };
