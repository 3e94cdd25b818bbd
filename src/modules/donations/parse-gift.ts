import type { RailId } from '../../adapters/payments/index.ts';
import {
  exponentOf,
  FREQUENCIES,
  HARD_MAXIMUM_MINOR,
  type DonationRules,
  type GiftFrequency,
} from './donation-rules.ts';

/** Why a gift was refused: one code per reason, shown to the donor in their language. */
export type GiftProblem =
  | 'amount_missing'
  | 'amount_invalid'
  | 'amount_not_positive'
  | 'amount_decimals'
  | 'amount_below_minimum'
  | 'amount_above_maximum'
  | 'currency_unknown'
  | 'frequency_unknown'
  | 'rail_unknown'
  | 'rail_frequency';

export interface CheckoutForm {
  frequency?: unknown;
  currency?: unknown;
  amount?: unknown;
  custom_amount?: unknown;
  rail?: unknown;
  variant?: unknown;
  source?: unknown;
  email?: unknown;
  /** The proof-of-work step's signed challenge and the browser's answer (when the step is on). */
  pow_token?: unknown;
  pow_solution?: unknown;
}

export interface Gift {
  frequency: GiftFrequency;
  currency: string;
  amountMinor: number;
  rail: RailId;
  variant: string;
  source: string;
}

export type GiftCheck =
  | { ok: true; gift: Gift }
  | { ok: false; problem: GiftProblem; minimumMinor?: number; maximumMinor?: number };

/**
 * A major-unit decimal ("10", "10.5", "10,50") in minor units, or the reason it is not one.
 * Never through floating point: "0.1" + "0.2" problems and 1e21 notation stay out.
 */
export function parseMajorAmount(
  text: string,
  exponent: number,
): { ok: true; minor: number } | { ok: false; problem: GiftProblem } {
  const s = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (s === '') return { ok: false, problem: 'amount_missing' };
  if (/^[-−]/.test(s)) return { ok: false, problem: 'amount_not_positive' };
  const m = /^\+?(\d{1,12})(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, problem: /^\d{13,}/.test(s) ? 'amount_above_maximum' : 'amount_invalid' };
  const whole = m[1]!;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return { ok: false, problem: 'amount_decimals' };
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > HARD_MAXIMUM_MINOR)
    return { ok: false, problem: 'amount_above_maximum' };
  if (minor <= 0) return { ok: false, problem: 'amount_not_positive' };
  return { ok: true, minor };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? text(v[0]) : '');
/** A/B variant and source names: short, plain, or "" (they are counted, never shown as HTML). */
const label = (v: unknown): string => {
  const s = text(v).trim();
  return /^[A-Za-z0-9_.:-]{1,40}$/.test(s) ? s : '';
};

/** The server's check of a checkout form against the rules and the rails on offer. */
export function checkGift(
  rules: DonationRules,
  rails: ReadonlyArray<{ id: RailId; frequencies: readonly GiftFrequency[] }>,
  form: CheckoutForm,
): GiftCheck {
  const frequency = text(form.frequency);
  if (!(FREQUENCIES as readonly string[]).includes(frequency))
    return { ok: false, problem: 'frequency_unknown' };
  const code = text(form.currency).trim().toUpperCase();
  const currency = rules.currencies.find((c) => c.code === code);
  if (!currency) return { ok: false, problem: 'currency_unknown' };
  const rail = rails.find((r) => r.id === text(form.rail));
  if (!rail) return { ok: false, problem: 'rail_unknown' };
  if (!rail.frequencies.includes(frequency as GiftFrequency)) return { ok: false, problem: 'rail_frequency' };
  const custom = text(form.custom_amount).trim();
  const parsed = parseMajorAmount(custom !== '' ? custom : text(form.amount), exponentOf(code));
  if (!parsed.ok)
    return parsed.problem === 'amount_above_maximum'
      ? { ok: false, problem: parsed.problem, maximumMinor: currency.maximumMinor }
      : { ok: false, problem: parsed.problem };
  if (parsed.minor < currency.minimumMinor) {
    return { ok: false, problem: 'amount_below_minimum', minimumMinor: currency.minimumMinor };
  }
  if (parsed.minor > currency.maximumMinor) {
    return { ok: false, problem: 'amount_above_maximum', maximumMinor: currency.maximumMinor };
  }
  return {
    ok: true,
    gift: {
      frequency: frequency as GiftFrequency,
      currency: code,
      amountMinor: parsed.minor,
      rail: rail.id,
      variant: label(form.variant),
      source: label(form.source),
    },
  };
}
