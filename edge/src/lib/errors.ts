import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorIssue } from '../../../shared/errors';

/** An error with a public code; `app.onError` turns it into the JSON error shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status() {
    return ERROR_STATUS[this.code];
  }
}

export function zodIssues(error: ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
    code: i.code,
  }));
}

export const invalidRequest = (message: string, error?: ZodError) =>
  new ApiError('invalid_request', message, error ? zodIssues(error) : undefined);

export function errorBody(code: ErrorCode, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** The app's one error handler: known errors keep their code; anything else is a 500 without details. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError || err.name === 'ApiError') {
    const e = err as ApiError;
    return c.json(errorBody(e.code, e.message, e.issues), e.status, e.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode =
      status === 413 ? 'payload_too_large' : status === 404 ? 'not_found' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 429 ? 'rate_limited' : status < 500 ? 'invalid_request' : 'internal';
    return c.json(errorBody(code, status >= 500 ? 'Internal error' : err.message || code), ERROR_STATUS[code]);
  }
  console.error('unhandled', c.get('requestId'), err);
  return c.json(errorBody('internal', 'Internal error'), 500);
}
