import { describe, expect, it } from 'vitest';
import { barLine } from './progress.ts';

describe('barLine', () => {
  it('shows the share done, the counts, the rate and the time left', () => {
    expect(barLine('importing', 250, 1000, 10_000, 8)).toBe(
      'importing [##......] 25% 250/1000 25/s ETA 0:30',
    );
  });
  it('counts without a bar when the total is unknown', () => {
    expect(barLine('importing', 3, null, 2000)).toBe('importing: 3 done, 1.5/s');
  });
});
