import { describe, expect, it } from 'vitest';
import { addressRange, afterHit, decide, type RateLimitPolicy } from './rate-limit-rules.ts';

const policy: RateLimitPolicy = { name: 'test', limit: 3, windowMs: 60_000 };
const t0 = new Date('2026-11-30T10:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('rate limit rules', () => {
  it('allows up to the limit inside a window, then refuses until it ends', () => {
    let state = afterHit(undefined, t0, policy);
    expect(decide(state, t0, policy)).toEqual({ allowed: true, hits: 1, retryAfterMs: 0 });
    state = afterHit(state, later(1000), policy);
    state = afterHit(state, later(2000), policy);
    expect(decide(state, later(2000), policy).allowed).toBe(true);
    state = afterHit(state, later(10_000), policy);
    expect(decide(state, later(10_000), policy)).toEqual({ allowed: false, hits: 4, retryAfterMs: 50_000 });
  });

  it('starts a fresh window once the old one has passed', () => {
    let state = afterHit(undefined, t0, policy);
    for (let i = 0; i < 5; i++) state = afterHit(state, later(i), policy);
    state = afterHit(state, later(60_000), policy);
    expect(state).toEqual({ hits: 1, windowStartedAt: later(60_000).toISOString() });
    expect(decide(state, later(60_000), policy).allowed).toBe(true);
  });

  it('groups IPv4 by /24 and IPv6 by /48', () => {
    expect(addressRange('203.0.113.77')).toBe('203.0.113.0/24');
    expect(addressRange('203.0.113.1')).toBe(addressRange('203.0.113.254'));
    expect(addressRange('203.0.114.1')).not.toBe(addressRange('203.0.113.1'));
    expect(addressRange('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(addressRange('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(addressRange('2001:0DB8:ABCD:ffff:1:2:3:4')).toBe('2001:db8:abcd::/48');
    expect(addressRange('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(addressRange('::1')).toBe('0:0:0::/48');
    expect(addressRange('fe80::1%eth0')).toBe('fe80:0:0::/48');
    expect(addressRange('not an address')).toBe('not an address');
  });
});
