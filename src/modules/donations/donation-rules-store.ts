import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PaymentRail, RailId } from '../../adapters/payments/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Actor } from '../staff/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import {
  DEFAULT_RULES,
  donationRulesSchema,
  exponentOf,
  type DonationRules,
  type GiftFrequency,
} from './donation-rules.ts';

// The donation rules (currencies, limits, suggested amounts) as kept in settings, and as the
// appeal shows them.

const RULES_KEY = 'donation_rules';

/** The rules and rails as the appeal (banner, dialog, /support form) shows them. */
export interface PublicDonationRules {
  currencies: Array<{
    code: string;
    minimumMinor: number;
    maximumMinor: number;
    /** Suggested amounts in minor units (500 is 5.00), as the appeal's form offers them. */
    suggested: Record<GiftFrequency, number[]>;
  }>;
  defaultCurrency: string;
  rails: Array<{ id: RailId; label: string; test: boolean }>;
}

/** The rails as donors see them: id, label, and whether no money moves. */
export const publicRails = (rails: PaymentRail[]) =>
  rails.map((r) => ({ id: r.id, label: r.label, test: r.test }));

/** The stored rules; the defaults when none are stored or they no longer parse. */
export async function readRules(k: Kysely<Database>): Promise<DonationRules> {
  const row = await k.selectFrom('settings').select('value').where('key', '=', RULES_KEY).executeTakeFirst();
  if (!row) return DEFAULT_RULES;
  const parsed = donationRulesSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_RULES;
}

export function toPublicRules(r: DonationRules, rails: PaymentRail[]): PublicDonationRules {
  // The rules keep suggested amounts in major units (as editors type them); the appeal takes minor.
  const currencies = r.currencies.map((c) => {
    const factor = 10 ** exponentOf(c.code);
    const toMinor = (amounts: number[]) => amounts.map((a) => Math.round(a * factor));
    return {
      ...c,
      suggested: {
        once: toMinor(c.suggested.once),
        monthly: toMinor(c.suggested.monthly),
        annual: toMinor(c.suggested.annual),
      },
    };
  });
  return { currencies, defaultCurrency: r.defaultCurrency, rails: publicRails(rails) };
}

/** Validates and stores new rules, with their audit entry, in one transaction. */
export async function saveRules(
  k: Kysely<Database>,
  audit: AuditRecorder,
  actor: Actor,
  input: unknown,
): Promise<DonationRules> {
  const parsed = donationRulesSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      `invalid donation rules: ${parsed.error.issues[0]?.message ?? ''}`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  await k.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: RULES_KEY, value: JSON.stringify(parsed.data) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(parsed.data) }))
      .execute();
    await audit.record(
      {
        actor,
        action: 'donation_rules.update',
        objectType: 'donation_rules',
        objectId: null,
        summary: `currencies ${parsed.data.currencies.map((c) => c.code).join(', ')}`,
      },
      { trx },
    );
  });
  return parsed.data;
}
