import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.ts';

describe('waitFor', () => {
  it('resolves once the condition holds, polling an async predicate', async () => {
    let calls = 0;
    const took = await waitFor(async () => ++calls >= 3, { intervalMs: 1 });
    expect(calls).toBe(3);
    expect(took).toBeGreaterThanOrEqual(0);
  });

  it('rejects after the timeout, naming what was awaited and the last error', async () => {
    await expect(waitFor(() => false, { timeoutMs: 30, message: 'the feed caught up' })).rejects.toThrow(
      'waitFor: the feed caught up did not hold within 30 ms',
    );
    await expect(
      waitFor(
        () => {
          throw new Error('not there yet');
        },
        { timeoutMs: 30 },
      ),
    ).rejects.toThrow(/\(last error: not there yet\)$/);
  });
});
