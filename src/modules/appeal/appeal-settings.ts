import { z } from 'zod';

// What the newsroom sets for the appeal: its words (per language), when it may open, where
// never, and the A/B variants. Amounts are in the currency's minor units (cents, kopecks), like
// the money rules they override.

/** The money side's rules, received from the donations module (the composition root wires it). */
export interface AppealMoneyRules {
  currencies: {
    code: string;
    minimumMinor: number;
    maximumMinor: number;
    suggested: Record<Frequency, number[]>;
  }[];
  defaultCurrency: string;
  rails: { id: string; label: string; test: boolean }[];
}

export const FREQUENCIES = ['once', 'monthly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** The defaults, until the donations module's own rules are wired in. */
export function defaultMoneyRules(): AppealMoneyRules {
  return {
    currencies: [
      {
        code: 'USD',
        minimumMinor: 100,
        maximumMinor: 1_000_000,
        suggested: { once: [500, 1000, 2500], monthly: [200, 500, 1000], annual: [2400, 6000, 12000] },
      },
    ],
    defaultCurrency: 'USD',
    rails: [{ id: 'test', label: 'Test payment', test: true }],
  };
}

const text = (max: number) => z.string().trim().max(max);
/** Per language (`en`, `ru`): an empty or missing one falls back to the catalogue's default. */
const perLanguage = (max: number) => z.record(z.string().regex(/^[a-z]{2,3}$/), text(max));
const amounts = z.array(z.number().int().positive().max(100_000_000)).min(1).max(6);

export const variantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lowercase letters, digits, hyphens');

export const appealVariantSchema = z
  .object({
    id: variantIdSchema,
    /** Relative share of readers (0 pauses the variant). */
    weight: z.number().int().min(0).max(1000),
    title: perLanguage(200).default({}),
    letter: perLanguage(6000).default({}),
    /** Suggested amounts replacing the money rules' own, per currency code and frequency. */
    amounts: z
      .record(
        z.string().regex(/^[A-Z]{3}$/),
        z.object({ once: amounts, monthly: amounts, annual: amounts }).partial().strict(),
      )
      .default({}),
  })
  .strict();

export const appealSettingsSchema = z
  .object({
    enabled: z.boolean(),
    title: perLanguage(200),
    /** The editors' letter: plain text, paragraphs separated by a blank line. */
    letter: perLanguage(6000),
    views_before_dialog: z.number().int().min(1).max(100),
    /** The dialog opens at most once per this many days (0: no cap beyond the other rules). */
    cap_days: z.number().int().min(0).max(365),
    snooze_days: z.number().int().min(1).max(365),
    /** Section slugs whose articles never open the dialog. */
    excluded_sections: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/)).max(100),
    variants: z
      .array(appealVariantSchema)
      .min(1)
      .max(6)
      .refine((v) => new Set(v.map((x) => x.id)).size === v.length, 'variant ids must be unique')
      .refine((v) => v.some((x) => x.weight > 0), 'at least one variant needs a weight above 0'),
  })
  .strict();

export type AppealSettings = z.output<typeof appealSettingsSchema>;
export type AppealVariant = z.output<typeof appealVariantSchema>;

/** A change: what is not named stays as it is. */
export const appealSettingsUpdateSchema = appealSettingsSchema.partial().strict();
export type AppealSettingsUpdate = z.input<typeof appealSettingsUpdateSchema>;

export const DEFAULT_APPEAL_SETTINGS: AppealSettings = {
  enabled: true,
  title: {},
  letter: {},
  views_before_dialog: 3,
  cap_days: 3,
  snooze_days: 7,
  excluded_sections: [],
  variants: [{ id: 'control', weight: 1, title: {}, letter: {}, amounts: {} }],
};
