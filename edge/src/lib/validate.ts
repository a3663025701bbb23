import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { invalidRequest } from './errors';

/**
 * `zValidator` that fails with our error shape: 400 `invalid_request` with the zod issues.
 * A body that is not JSON at all is caught by the JSON reader and gets the same code.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw invalidRequest(`Invalid ${target === 'json' ? 'request body' : target}`, result.error as never);
  });
