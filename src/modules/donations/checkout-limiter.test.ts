import { describe, expect, it } from 'vitest';
import { addressRange, createCheckoutLimiter } from './checkout-limiter.ts';

describe('checkout limiter', () => {
  it('groups addresses by network', () => {
    expect(addressRange('203.0.113.7')).toBe('203.0.113.0/24');
    expect(addressRange('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(addressRange('2001:db8:1:2::5')).toBe('2001:db8:1::/48');
  });
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
