import { describe, expect, it } from 'vitest';
import { MAX_VARIANT_SIDE, planVariants } from './variant-plan.ts';

const widths = (width: number, height = width) =>
  planVariants({ width, height, hasAlpha: false }).sizes.map((s) => s.width);

describe('planVariants', () => {
  it('makes every standard width for a large photo, keeping the aspect ratio', () => {
    expect(planVariants({ width: 4000, height: 3000, hasAlpha: false })).toEqual({
      fallback: 'jpeg',
      sizes: [
        { width: 400, height: 300 },
        { width: 800, height: 600 },
        { width: 1200, height: 900 },
        { width: 2000, height: 1500 },
      ],
    });
  });

  it('never upscales', () => {
    expect(widths(2000)).toEqual([400, 800, 1200, 2000]);
    expect(widths(1200)).toEqual([400, 800, 1200]);
    for (const w of [1, 50, 399, 400, 401, 799, 1000, 1999, 2001, 6000]) {
      expect(Math.max(...widths(w))).toBeLessThanOrEqual(w);
    }
  });

  it('adds the original width when it is well beyond the largest standard width that fits', () => {
    expect(widths(1000)).toEqual([400, 800, 1000]);
    expect(widths(1700)).toEqual([400, 800, 1200, 1700]);
    expect(widths(850)).toEqual([400, 800]); // within 10%: not worth another file
  });

  it('always makes at least one variant, at the original size for small images', () => {
    expect(planVariants({ width: 120, height: 90, hasAlpha: false }).sizes).toEqual([
      { width: 120, height: 90 },
    ]);
    expect(planVariants({ width: 1, height: 1, hasAlpha: false }).sizes).toEqual([{ width: 1, height: 1 }]);
  });

  it('never makes a zero-pixel side for a very wide strip', () => {
    expect(planVariants({ width: 4000, height: 1, hasAlpha: false }).sizes[0]).toEqual({
      width: 400,
      height: 1,
    });
  });

  it('keeps every side within what WebP can encode for a very tall strip', () => {
    const plan = planVariants({ width: 1000, height: 49_000, hasAlpha: false });
    expect(plan.sizes.length).toBeGreaterThan(0);
    for (const size of plan.sizes) expect(size.height).toBeLessThanOrEqual(MAX_VARIANT_SIDE);
    expect(planVariants({ width: 100, height: 100_000, hasAlpha: false }).sizes).toEqual([
      { width: 16, height: 16_000 },
    ]);
  });

  it('falls back to PNG when transparency must survive, JPEG otherwise', () => {
    expect(planVariants({ width: 800, height: 800, hasAlpha: true }).fallback).toBe('png');
    expect(planVariants({ width: 800, height: 800, hasAlpha: false }).fallback).toBe('jpeg');
  });

  it('refuses an impossible size', () => {
    expect(() => planVariants({ width: 0, height: 10, hasAlpha: false })).toThrow(RangeError);
    expect(() => planVariants({ width: Number.NaN, height: 10, hasAlpha: false })).toThrow(RangeError);
  });
});
