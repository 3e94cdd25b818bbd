import { describe, expect, it } from 'vitest';
import { appealEventSchema, EventThrottle } from './appeal-events.ts';

describe('appeal events', () => {
  it('accepts only a variant id and a known event', () => {
    expect(appealEventSchema.safeParse({ variant: 'control', event: 'view' }).success).toBe(true);
    expect(appealEventSchema.safeParse({ variant: 'control', event: 'conversion' }).success).toBe(false);
    expect(appealEventSchema.safeParse({ variant: 'Control!', event: 'view' }).success).toBe(false);
    expect(appealEventSchema.safeParse({ variant: 'control', event: 'view', id: 'x' }).success).toBe(false);
  });

  it('throttles per address range and forgets when the window turns', () => {
    let t = 0;
    const throttle = new EventThrottle(2, 1000, () => t);
    expect(throttle.allow('203.0.113.5')).toBe(true);
    expect(throttle.allow('203.0.113.9')).toBe(true);
    expect(throttle.allow('203.0.113.7')).toBe(false);
    expect(throttle.allow('198.51.100.1')).toBe(true);
    t = 1000;
    expect(throttle.allow('203.0.113.7')).toBe(true);
    expect(EventThrottle.range('2001:db8:1:2::5')).toBe('2001:db8:1');
  });
});
