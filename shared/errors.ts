import { z } from 'zod';

/**
 * Every error the API returns has this shape. Codes are stable public contract:
 * clients branch on `code`, never on `message`.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_token: 401,
  token_expired: 401,
  unauthorized: 401,
  forbidden: 403,
  /** The page's origin is not on the shop's list (added in v1.1; was `forbidden`). */
  origin_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  /** A write with a stale If-Match (added in v1.1: ticket versions in the agent workspace). */
  precondition_failed: 412,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    issues: z.array(ErrorIssue).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Cross-realm type guard: the widget runs inside other people's pages. */
export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: { code?: unknown } }).error?.code === 'string'
  );
}
