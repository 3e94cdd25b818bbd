import { describe, expect, it } from 'vitest';
import { batchDeps } from './change-batch.ts';

describe('batchDeps', () => {
  it('keeps each name once, in the order first published', () => {
    expect(batchDeps(['article:a', 'listings', 'article:b', 'listings', 'article:a'])).toEqual([
      'article:a',
      'listings',
      'article:b',
    ]);
  });

  it('reduces a batch holding "site" to just "site", wherever it comes', () => {
    expect(batchDeps(['article:a', 'listings', 'site', 'article:b'])).toEqual(['site']);
    expect(batchDeps(['site', 'site'])).toEqual(['site']);
  });

  it('drops empty names, and an empty batch stays empty (no row is written for it)', () => {
    expect(batchDeps(['', 'listings', ''])).toEqual(['listings']);
    expect(batchDeps([])).toEqual([]);
    expect(batchDeps([''])).toEqual([]);
  });

  it('takes any iterable', () => {
    expect(batchDeps(new Set(['listings', 'article:x']))).toEqual(['listings', 'article:x']);
  });
});
