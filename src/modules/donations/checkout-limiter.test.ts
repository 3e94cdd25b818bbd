import { describe, expect, it } from 'vitest';
import { createCheckoutLimiter } from './checkout-limiter.ts';

describe('checkout limiter', () => {
  it('refuses past the limit per range and per email, until the window ends', () => {
    let t = 0;
    const limiter = createCheckoutLimiter({ perRange: 3, perEmail: 2, windowMs: 1000, now: () => t });
    expect([1, 2, 3, 4].map(() => limiter.allow({ range: 'a' }))).toEqual([true, true, true, false]);
    expect(limiter.allow({ range: 'b', email: 'x@example.org' })).toBe(true);
    expect(limiter.allow({ range: 'c', email: 'x@example.org' })).toBe(true);
    expect(limiter.allow({ range: 'd', email: 'x@example.org' })).toBe(false);
    t = 1000;
    expect(limiter.allow({ range: 'a' })).toBe(true);
  });
});
