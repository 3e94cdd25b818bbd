// Is one appeal variant converting better than another, or is it noise? The two-proportion
// z-test with a pooled proportion; p is two-sided. Pure.

export interface VariantCounts {
  id: string;
  views: number;
  conversions: number;
}

export interface Comparison {
  /** The variant compared with the baseline (the first variant). */
  id: string;
  baseline: string;
  rate: number;
  baseline_rate: number;
  z: number | null;
  p: number | null;
  significant: boolean;
  /** Plain words for the admin: "not yet significant" until p < alpha with enough views. */
  readout: string;
}

/** Below this many views in either arm the normal approximation is not trusted. */
export const MIN_VIEWS = 30;

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf; error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export const rate = (c: { views: number; conversions: number }): number =>
  c.views > 0 ? c.conversions / c.views : 0;

/** z and two-sided p for B against A; null when either arm has no views or there is no variance. */
export function twoProportionZ(a: VariantCounts, b: VariantCounts): { z: number; p: number } | null {
  if (a.views <= 0 || b.views <= 0) return null;
  const pooled = (a.conversions + b.conversions) / (a.views + b.views);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.views + 1 / b.views));
  if (!(se > 0)) return null;
  const z = (rate(b) - rate(a)) / se;
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** Each variant after the first against the first. */
export function compareVariants(counts: readonly VariantCounts[], alpha = 0.05): Comparison[] {
  const [baseline, ...others] = counts;
  if (!baseline) return [];
  return others.map((v) => {
    const test = twoProportionZ(baseline, v);
    const enough = baseline.views >= MIN_VIEWS && v.views >= MIN_VIEWS;
    const significant = test !== null && enough && test.p < alpha;
    let readout: string;
    if (test === null || !enough) {
      readout = `not yet significant: too few views (at least ${MIN_VIEWS} per variant needed)`;
    } else if (!significant) {
      readout = `not yet significant (p = ${test.p.toFixed(3)}); ${v.id} converts ${pct(rate(v))} against ${pct(rate(baseline))}`;
    } else {
      readout = `${v.id} converts ${test.z > 0 ? 'better' : 'worse'} than ${baseline.id}: ${pct(rate(v))} against ${pct(rate(baseline))} (p = ${test.p.toFixed(3)})`;
    }
    return {
      id: v.id,
      baseline: baseline.id,
      rate: rate(v),
      baseline_rate: rate(baseline),
      z: test?.z ?? null,
      p: test?.p ?? null,
      significant,
      readout,
    };
  });
}
