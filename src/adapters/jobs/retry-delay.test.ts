import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay.ts';

const noJitter = { random: () => 0.5 };

describe('retryDelayMs', () => {
  it('doubles from 30 seconds after each failure', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, noJitter))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits longer than the cap, even after many failures', () => {
    expect(retryDelayMs(8, noJitter)).toBe(3_600_000);
    expect(retryDelayMs(1000, noJitter)).toBe(3_600_000);
    expect(retryDelayMs(3, { ...noJitter, baseMs: 1000, maxMs: 2500 })).toBe(2500);
  });

  it('spreads delays by at most the jitter fraction either way', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(27_000);
    expect(retryDelayMs(1, { random: () => 0.999999 })).toBeCloseTo(33_000, -1);
    expect(retryDelayMs(1, { random: () => 0, jitter: 0 })).toBe(30_000);
  });

  it('treats zero or odd inputs as the first retry rather than failing', () => {
    expect(retryDelayMs(0, noJitter)).toBe(30_000);
    expect(retryDelayMs(1.7, noJitter)).toBe(30_000);
  });

  it('with the defaults, ten attempts span hours, not minutes', () => {
    let total = 0;
    for (let n = 1; n < 10; n++) total += retryDelayMs(n, noJitter);
    expect(total / 3_600_000).toBeGreaterThan(3);
    expect(total / 3_600_000).toBeLessThan(5);
  });
});
