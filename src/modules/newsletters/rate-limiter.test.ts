import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('spaces takes 1/rate apart, however many ask at once', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter(
      10,
      () => now,
      async (ms) => {
        waits.push(ms);
      },
    );
    await Promise.all([limiter.take(), limiter.take(), limiter.take(), limiter.take()]);
    expect(waits).toEqual([100, 200, 300]);
    now = 1000; // idle for a while: no debt is carried over, and no burst either
    waits.length = 0;
    await Promise.all([limiter.take(), limiter.take()]);
    expect(waits).toEqual([100]);
  });

  it('with no cap never waits', async () => {
    const limiter = createRateLimiter(
      0,
      () => 0,
      () => Promise.reject(new Error('waited')),
    );
    await limiter.take();
  });
});
