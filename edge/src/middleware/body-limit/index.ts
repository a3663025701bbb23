import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { ApiError } from '../../lib/errors';

/**
 * Rejects bodies over `maxSize` bytes with 413 before any work is done, also when
 * the body is sent chunked (Hono counts the stream as it is read).
 */
export const bodyLimit = (options: { maxSize: number }): MiddlewareHandler => {
  const inner = honoBodyLimit({
    maxSize: options.maxSize,
    onError: () => {
      throw new ApiError('payload_too_large', `Request body is larger than ${options.maxSize} bytes`);
    },
  });
  return async function bodyLimit(c, next) {
    return inner(c, next);
  };
};
