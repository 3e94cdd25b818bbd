import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { donorLinkMail, paymentFailedMail, planNoticeMail, receiptMail } from './donation-mail.ts';
import { openDonor } from './donor-store.ts';

// The donations.mail job: a receipt, a failed payment, a plan change, a donor-page link. The job
// names a row, never an address: the address is opened from the sealed donor when it is sent.

export const donationMailPayload = z.object({
  kind: z.enum(['receipt', 'payment_failed', 'donor_link', 'plan_notice']),
  /** A donation (receipt), a plan (payment_failed, plan_notice) or a donor (donor_link): never an address. */
  id: z.string().uuid(),
  /** What the donor did to the plan (plan_notice). */
  change: z.enum(['changed', 'paused', 'resumed', 'cancelled']).optional(),
  lang: z.string().max(8).default('en'),
});

export interface DonationMailDeps {
  db: Kysely<Database>;
  keys: Pick<Keys, 'encryption'>;
  mailer: Mailer;
  publicationName: () => string;
  /** A signed link to the donor's page. */
  donorUrl: (donorId: string) => string;
}

export function createDonationMailSender(deps: DonationMailDeps) {
  const { db: k, keys, donorUrl } = deps;
  return async function sendMail(payload: z.output<typeof donationMailPayload>) {
    const publication = deps.publicationName();
    const donorOf = async (donorId: string | null) => {
      if (!donorId) return undefined;
      const row = await k.selectFrom('donors').selectAll().where('id', '=', donorId).executeTakeFirst();
      return row ? openDonor(keys, row) : undefined;
    };
    if (payload.kind === 'receipt') {
      const d = await k.selectFrom('donations').selectAll().where('id', '=', payload.id).executeTakeFirst();
      const donor = await donorOf(d?.donor_id ?? null);
      if (!d || !donor?.email) return;
      await deps.mailer.send(
        receiptMail({
          to: donor.email,
          lang: payload.lang,
          publication,
          amountMinor: d.amount_minor,
          currency: d.currency,
          frequency: d.frequency,
          date: d.completed_at ?? d.created_at,
          reference: d.id.slice(0, 8).toUpperCase(),
          test: d.test === 1,
          donorUrl: donorUrl(donor.id),
        }),
      );
    } else if (payload.kind === 'payment_failed') {
      const p = await k
        .selectFrom('donation_plans')
        .selectAll()
        .where('id', '=', payload.id)
        .executeTakeFirst();
      const donor = await donorOf(p?.donor_id ?? null);
      if (!p || !donor?.email) return;
      await deps.mailer.send(
        paymentFailedMail({
          to: donor.email,
          lang: payload.lang,
          publication,
          donorUrl: donorUrl(donor.id),
          test: p.test === 1,
        }),
      );
    } else if (payload.kind === 'plan_notice') {
      const p = await k
        .selectFrom('donation_plans')
        .selectAll()
        .where('id', '=', payload.id)
        .executeTakeFirst();
      const donor = await donorOf(p?.donor_id ?? null);
      if (!p || !donor?.email || !payload.change) return;
      await deps.mailer.send(
        planNoticeMail({
          to: donor.email,
          lang: payload.lang,
          publication,
          change: payload.change,
          amountMinor: p.amount_minor,
          currency: p.currency,
          frequency: p.frequency,
          donorUrl: donorUrl(donor.id),
          test: p.test === 1,
        }),
      );
    } else {
      const donor = await donorOf(payload.id);
      if (!donor?.email) return;
      await deps.mailer.send(
        donorLinkMail({ to: donor.email, lang: payload.lang, publication, donorUrl: donorUrl(donor.id) }),
      );
    }
  };
}
