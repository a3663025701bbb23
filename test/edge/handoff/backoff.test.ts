import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../edge/src/handoff/backoff';
import { BACKOFF, MAX_RETRIES } from '../../../edge/src/handoff/delivery';

const opts = { baseSeconds: 30, maxSeconds: 3600 };
const max = () => 0.999999;
const min = () => 0;
const half = () => 0.5;

describe('backoffDelay', () => {
  it('doubles the ceiling each attempt, with the full jitter range', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, { ...opts, jitter: max }))).toEqual([30, 60, 120, 240, 480, 960]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, { ...opts, jitter: half }))).toEqual([15, 30, 60, 120]);
  });

  it('never waits less than a second, even when the jitter draws zero', () => {
    expect(backoffDelay(1, { ...opts, jitter: min })).toBe(1);
    expect(backoffDelay(7, { ...opts, jitter: min })).toBe(1);
  });

  it('is capped at maxSeconds for late attempts, without overflowing', () => {
    expect(backoffDelay(8, { ...opts, jitter: max })).toBe(3600);
    expect(backoffDelay(500, { ...opts, jitter: max })).toBe(3600);
  });

  it('spreads retries: different jitter draws give different delays inside the window', () => {
    const draws = [0.1, 0.3, 0.6, 0.9];
    const delays = draws.map((d) => backoffDelay(4, { ...opts, jitter: () => d }));
    expect(new Set(delays).size).toBe(draws.length);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(1), expect(d).toBeLessThanOrEqual(240);
  });

  it('waits at least as long as Retry-After asks, still capped', () => {
    expect(backoffDelay(1, { ...opts, jitter: min, retryAfter: '120' })).toBe(120);
    expect(backoffDelay(3, { ...opts, jitter: max, retryAfter: '5' })).toBe(120);
    expect(backoffDelay(1, { ...opts, jitter: min, retryAfter: '86400' })).toBe(3600);
    const now = Date.parse('2026-05-01T10:00:00Z');
    expect(backoffDelay(1, { ...opts, jitter: min, retryAfter: 'Fri, 01 May 2026 10:05:00 GMT', now })).toBe(300);
  });

  it('ignores a Retry-After it cannot read', () => {
    expect(backoffDelay(2, { ...opts, jitter: half, retryAfter: 'soon' })).toBe(30);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', 10_000)).toBe(0);
  });

  it('gives the configured queue schedule a bounded total wait', () => {
    let worst = 0;
    for (let a = 1; a <= MAX_RETRIES; a++) worst += backoffDelay(a, { ...BACKOFF, jitter: max });
    // 8 retries: 30+60+...+3600 (capped) — a receiver down for about two hours still gets the event.
    expect(worst).toBe(30 + 60 + 120 + 240 + 480 + 960 + 1920 + 3600);
  });
});
