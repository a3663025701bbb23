import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';

/** Gives each request an id for logs and audit records, echoed as `x-request-id`. */
export const requestId = (): MiddlewareHandler<AppEnv> =>
  async function requestId(c, next) {
    const id = crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.header('x-request-id', id);
  };
