export interface BackoffOptions {
  /** Delay ceiling of the first retry, in seconds. */
  baseSeconds: number;
  /** No retry waits longer than this, whatever the attempt or Retry-After says. */
  maxSeconds: number;
  /** Returns a number in [0, 1); injected so the schedule is testable. */
  jitter: () => number;
  /** The receiver's Retry-After header, if it sent one (seconds or an HTTP date). */
  retryAfter?: string | null;
  /** For HTTP-date Retry-After values; defaults to Date.now(). */
  now?: number;
}

/**
 * Seconds to wait before retry number `attempt` (1 = the retry after the first failure).
 * Exponential with full jitter: a random delay in [0, base * 2^(attempt-1)], capped at
 * `maxSeconds`, so many failing deliveries do not retry in lockstep. A receiver that says
 * Retry-After gets at least what it asked for (still capped). Never below 1 second.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(options.maxSeconds, options.baseSeconds * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(options.jitter(), 0), 1);
  let delay = Math.round(r * ceiling);
  const asked = parseRetryAfter(options.retryAfter, options.now ?? Date.now());
  if (asked !== null) delay = Math.max(delay, asked);
  return Math.min(options.maxSeconds, Math.max(1, delay));
}

/** Retry-After as seconds from now, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
