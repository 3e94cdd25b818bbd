import { z } from 'zod';

// The money rules: which currencies a gift may be in, between which amounts, and the amounts the
// appeal suggests for each frequency. Pure: the server checks every gift against them.

export const FREQUENCIES = ['once', 'monthly', 'annual'] as const;
export type GiftFrequency = (typeof FREQUENCIES)[number];

/** Decimal places of the currencies we know; others are refused. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  PLN: 2,
  SEK: 2,
  NOK: 2,
  CZK: 2,
  GEL: 2,
  RUB: 2,
  UAH: 2,
  KZT: 2,
  TRY: 2,
  JPY: 0,
};

/** Above this a gift is refused whatever the rules say (card testers try huge amounts too). */
export const HARD_MAXIMUM_MINOR = 100_000_000;

const amounts = z.array(z.number().int().positive().max(HARD_MAXIMUM_MINOR)).min(1).max(6);

export const currencyRuleSchema = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .refine((c) => c in CURRENCY_EXPONENTS, { message: 'is not a currency we support' }),
    minimumMinor: z.number().int().positive().max(HARD_MAXIMUM_MINOR),
    maximumMinor: z.number().int().positive().max(HARD_MAXIMUM_MINOR),
    /** In major units (5 means 5 EUR), as the appeal shows them. */
    suggested: z.object({ once: amounts, monthly: amounts, annual: amounts }),
  })
  .refine((c) => c.minimumMinor <= c.maximumMinor, { message: 'the minimum is above the maximum' });

export const donationRulesSchema = z
  .object({
    currencies: z.array(currencyRuleSchema).min(1).max(20),
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
  })
  .refine((r) => r.currencies.some((c) => c.code === r.defaultCurrency), {
    message: 'the default currency must be one of the currencies',
  })
  .refine((r) => new Set(r.currencies.map((c) => c.code)).size === r.currencies.length, {
    message: 'a currency is listed twice',
  });

export type CurrencyRule = z.infer<typeof currencyRuleSchema>;
export type DonationRules = z.infer<typeof donationRulesSchema>;

const defaultSuggested = { once: [5, 10, 25], monthly: [2, 5, 10], annual: [24, 60, 120] };

export const DEFAULT_RULES: DonationRules = {
  currencies: [
    { code: 'USD', minimumMinor: 100, maximumMinor: 1_000_000, suggested: defaultSuggested },
    { code: 'EUR', minimumMinor: 100, maximumMinor: 1_000_000, suggested: defaultSuggested },
  ],
  defaultCurrency: 'USD',
};

export function exponentOf(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}
