import { describe, expect, it } from 'vitest';
import { compareVariants, normalCdf, twoProportionZ } from './significance.ts';

describe('two-proportion z-test', () => {
  it('matches a worked example (10% of 1000 against 13% of 1000)', () => {
    const r = twoProportionZ(
      { id: 'a', views: 1000, conversions: 100 },
      { id: 'b', views: 1000, conversions: 130 },
    )!;
    expect(r.z).toBeCloseTo(2.1027, 3);
    expect(r.p).toBeCloseTo(0.0355, 3);
  });

  it('the normal CDF is right at known points', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 5);
  });

  it('has no answer without views or variance', () => {
    expect(
      twoProportionZ({ id: 'a', views: 0, conversions: 0 }, { id: 'b', views: 10, conversions: 1 }),
    ).toBeNull();
    expect(
      twoProportionZ({ id: 'a', views: 10, conversions: 0 }, { id: 'b', views: 10, conversions: 0 }),
    ).toBeNull();
  });
});

describe('variant readout', () => {
  it('says "not yet significant" with too few views, even for a big gap', () => {
    const [c] = compareVariants([
      { id: 'control', views: 10, conversions: 0 },
      { id: 'b', views: 10, conversions: 5 },
    ]);
    expect(c!.significant).toBe(false);
    expect(c!.readout).toMatch(/^not yet significant/);
  });

  it('says "not yet significant" when p is above alpha', () => {
    const [c] = compareVariants([
      { id: 'control', views: 1000, conversions: 100 },
      { id: 'b', views: 1000, conversions: 105 },
    ]);
    expect(c!.significant).toBe(false);
    expect(c!.readout).toMatch(/^not yet significant \(p = 0\.\d{3}\)/);
  });

  it('names the better variant once significant', () => {
    const [c] = compareVariants([
      { id: 'control', views: 1000, conversions: 100 },
      { id: 'b', views: 1000, conversions: 130 },
    ]);
    expect(c).toMatchObject({
      id: 'b',
      baseline: 'control',
      significant: true,
      rate: 0.13,
      baseline_rate: 0.1,
    });
    expect(c!.readout).toBe('b converts better than control: 13.00% against 10.00% (p = 0.035)');
  });

  it('compares nothing with one variant', () => {
    expect(compareVariants([{ id: 'control', views: 5, conversions: 1 }])).toEqual([]);
  });
});
