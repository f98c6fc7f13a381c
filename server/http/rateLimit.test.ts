import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './rateLimit';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('AttemptLimiter', () => {
  it('refuses after maxFailures failures until the window ends', () => {
    const c = clock();
    const l = new AttemptLimiter({ maxFailures: 3, maxRequests: 100, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 3; i++) {
      expect(l.attempt('ip-a')).toBeUndefined();
      l.fail('ip-a');
    }
    expect(l.attempt('ip-a')).toBe(60);
    c.advance(45_000);
    expect(l.attempt('ip-a')).toBe(15);
    // Another client is not affected.
    expect(l.attempt('ip-b')).toBeUndefined();
    c.advance(15_000);
    expect(l.attempt('ip-a')).toBeUndefined();
  });

  it('lets many successful attempts through up to maxRequests', () => {
    const c = clock();
    const l = new AttemptLimiter({ maxFailures: 3, maxRequests: 500, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 500; i++) expect(l.attempt('venue-nat')).toBeUndefined();
    expect(l.attempt('venue-nat')).toBeGreaterThan(0);
  });

  it('refused attempts do not extend the window', () => {
    const c = clock();
    const l = new AttemptLimiter({ maxFailures: 1, maxRequests: 100, windowMs: 10_000 }, c.now);
    l.attempt('x');
    l.fail('x');
    for (let i = 0; i < 9; i++) {
      c.advance(1000);
      expect(l.attempt('x')).toBeGreaterThan(0);
    }
    c.advance(1000);
    expect(l.attempt('x')).toBeUndefined();
  });

  it('sweeps expired windows so memory stays bounded', () => {
    const c = clock();
    const l = new AttemptLimiter({ maxFailures: 1, maxRequests: 1, windowMs: 1000 }, c.now, 100);
    for (let i = 0; i < 100; i++) l.attempt(`ip-${i}`);
    expect(l.size).toBe(100);
    c.advance(1000);
    l.attempt('new');
    expect(l.size).toBe(1);
  });
});
