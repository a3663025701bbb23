import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';

const ALLOW_HEADERS = 'authorization, content-type, x-aisle-conversation-secret';
const EXPOSE_HEADERS = 'retry-after, x-request-id, x-vercel-ai-ui-message-stream';

/**
 * CORS for shopper endpoints, per shop: only the shop's allowed origins (exact match)
 * are served. Any other Origin, including `null`, is refused with 403
 * `origin_not_allowed` before work is done. No Origin at all (a server, curl) passes.
 * Runs after `loadShop`, so a preflight names its shop too.
 *
 * A refusal still carries `Access-Control-Allow-Origin: <that origin>` (and its preflight
 * succeeds): a 403 without CORS headers reaches page script as a bare network error, so
 * the widget would tell the shopper "you are offline" and the merchant nothing. With the
 * header the widget reads the code and names the fix. The refusal body is the error
 * alone, no shop data, and no other headers are exposed.
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
    c.header('Access-Control-Allow-Origin', origin);
    if (!allowed) {
      if (c.req.method === 'OPTIONS') {
        c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
        return c.body(null, 204);
      }
      throw new ApiError('origin_not_allowed', 'This origin is not allowed for this shop', undefined, { 'Access-Control-Allow-Origin': origin });
    }
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
