import { describe, expect, it } from 'vitest';
import { UntilChange } from './until-change.ts';

describe('UntilChange', () => {
  it('keeps a read until something changes or a minute passes, and never keeps a failure', async () => {
    let changes = 0;
    let now = 0;
    let reads = 0;
    const kept = new UntilChange(
      () => changes,
      () => now,
    );
    const read = () => kept.get('sections', async () => ++reads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    changes++;
    expect(await read()).toBe(2);
    now += 60_001;
    expect(await read()).toBe(3);
    await expect(kept.get('lists', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await kept.get('lists', async () => 'ok')).toBe('ok');
  });
});
