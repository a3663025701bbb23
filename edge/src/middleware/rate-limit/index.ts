import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';

export interface RateLimitOptions {
  /** Which `ratelimits` binding to ask. */
  binding: 'CONVERSATION_LIMITER' | 'CLIENT_LIMITER' | 'SIGNIN_LIMITER';
  /** The binding's period in seconds (fixed in wrangler.jsonc); sent as Retry-After. */
  periodSeconds: number;
  /** The key to count; null skips this limiter for the request. */
  key: (c: Context<AppEnv>) => string | null;
  /** What the 429 says (default: about messages). */
  message?: string;
}

/** Answers 429 `rate_limited` with Retry-After when the binding says the key is over its limit. */
export const rateLimit = (options: RateLimitOptions): MiddlewareHandler<AppEnv> => {
  const retryAfter = String(options.periodSeconds);
  return async function rateLimit(c, next) {
    const key = options.key(c);
    const limiter = c.env[options.binding];
    if (key && limiter) {
      const { success } = await limiter.limit({ key });
      if (!success) throw new ApiError('rate_limited', options.message ?? 'Too many messages; please wait a moment', undefined, { 'Retry-After': retryAfter });
    }
    await next();
  };
};
