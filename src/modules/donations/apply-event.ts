import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, DonationPlansTable, DonationsTable } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { PaymentEvent } from '../../adapters/payments/index.ts';
import { upsertDonor } from './donor-store.ts';
import { CURRENCY_EXPONENTS } from './donation-rules.ts';

type Donation = Selectable<DonationsTable>;
type Plan = Selectable<DonationPlansTable>;

/** What a processed event asks for after its transaction: mail, and the appeal's conversion count. */
export interface Followups {
  receipts: string[]; // donation ids
  paymentFailed: string[]; // plan ids
  completed: Array<{ variant: string }>;
}

export interface ApplyDeps {
  keys: Pick<Keys, 'encryption' | 'hashing'>;
  at: string;
}

/**
 * Applies one provider event inside the caller's transaction (which recorded the event id, so it
 * runs once). Payments are found by their provider refs, so a payment reached by two events (the
 * checkout and its first invoice) is one row; a plan's state changes only for an event at least as
 * new as the last one applied.
 */
export async function applyEvent(
  trx: Kysely<Database>,
  e: PaymentEvent,
  deps: ApplyDeps,
  out: Followups,
): Promise<string> {
  const { at } = deps;
  const donor = async () => (e.email ? upsertDonor(trx, deps.keys, e.email, e.name, at) : null);

  const byRef = async (column: 'checkout_ref' | 'invoice_ref' | 'payment_ref', value: string | undefined) =>
    value
      ? trx
          .selectFrom('donations')
          .selectAll()
          .where('rail', '=', e.rail)
          .where(column, '=', value)
          .executeTakeFirst()
      : undefined;

  const complete = async (d: Donation, donorId: string | null, plan: Plan | undefined) => {
    await trx
      .updateTable('donations')
      .set({
        status: 'completed',
        completed_at: e.occurredAt,
        updated_at: at,
        donor_id: d.donor_id ?? donorId,
        plan_id: d.plan_id ?? plan?.id ?? null,
        invoice_ref: d.invoice_ref ?? e.invoiceRef ?? null,
        payment_ref: d.payment_ref ?? e.paymentRef ?? null,
      })
      .where('id', '=', d.id)
      .execute();
    out.receipts.push(d.id);
    out.completed.push({ variant: d.variant });
  };

  /** The plan this event names, made (active) when it is the first we hear of it. */
  const plan = async (seed: {
    donorId: string | null;
    variant: string;
    frequency?: string;
    test: boolean;
  }) => {
    if (!e.planRef) return undefined;
    const found = await trx
      .selectFrom('donation_plans')
      .selectAll()
      .where('rail', '=', e.rail)
      .where('provider_ref', '=', e.planRef)
      .executeTakeFirst();
    if (found) {
      if (!found.donor_id && seed.donorId) {
        await trx
          .updateTable('donation_plans')
          .set({ donor_id: seed.donorId })
          .where('id', '=', found.id)
          .execute();
      }
      return { ...found, donor_id: found.donor_id ?? seed.donorId };
    }
    const row: Plan = {
      id: randomUUID(),
      donor_id: seed.donorId,
      rail: e.rail,
      provider_ref: e.planRef,
      amount_minor: e.amountMinor ?? 0,
      currency: e.currency ?? 'EUR',
      frequency: seed.frequency === 'annual' ? 'annual' : 'monthly',
      status: e.planStatus ?? 'active',
      variant: seed.variant,
      test: seed.test ? 1 : 0,
      state_at: e.occurredAt,
      created_at: at,
      cancelled_at: e.planStatus === 'cancelled' ? e.occurredAt : null,
    };
    await trx.insertInto('donation_plans').values(row).execute();
    return row;
  };

  const newDonation = async (fields: Partial<Donation> & Pick<Donation, 'frequency' | 'status'>) => {
    const row: Donation = {
      id: randomUUID(),
      donor_id: null,
      plan_id: null,
      rail: e.rail,
      checkout_ref: e.checkoutRef ?? null,
      invoice_ref: e.invoiceRef ?? null,
      payment_ref: e.paymentRef ?? null,
      amount_minor: e.amountMinor ?? 0,
      currency: e.currency && e.currency in CURRENCY_EXPONENTS ? e.currency : (e.currency ?? 'EUR'),
      variant: '',
      source: 'provider',
      test: e.test ? 1 : 0,
      created_at: at,
      completed_at: fields.status === 'completed' ? e.occurredAt : null,
      updated_at: at,
      ...fields,
    };
    await trx.insertInto('donations').values(row).execute();
    if (row.status === 'completed') {
      out.receipts.push(row.id);
      out.completed.push({ variant: row.variant });
    }
    return row;
  };

  switch (e.kind) {
    case 'checkout.completed': {
      const ours =
        (e.donationId
          ? await trx
              .selectFrom('donations')
              .selectAll()
              .where('id', '=', e.donationId)
              .where('rail', '=', e.rail)
              .executeTakeFirst()
          : undefined) ?? (await byRef('checkout_ref', e.checkoutRef));
      const donorId = await donor();
      const recurring = !!e.planRef || (ours ? ours.frequency !== 'once' : false);
      const p = recurring
        ? await plan({
            donorId,
            variant: ours?.variant ?? '',
            ...(ours ? { frequency: ours.frequency } : {}),
            test: ours ? ours.test === 1 : !!e.test,
          })
        : undefined;
      // The first invoice of a plan may have been recorded already by its own event.
      const sameInvoice = await byRef('invoice_ref', e.invoiceRef);
      if (sameInvoice && sameInvoice.id !== ours?.id) {
        if (ours && ours.status === 'pending') {
          await trx
            .updateTable('donations')
            .set({ status: 'cancelled', updated_at: at })
            .where('id', '=', ours.id)
            .execute();
          await trx
            .updateTable('donations')
            .set({ variant: ours.variant, source: ours.source, donor_id: sameInvoice.donor_id ?? donorId })
            .where('id', '=', sameInvoice.id)
            .execute();
          out.completed.push({ variant: ours.variant });
        }
        return 'already recorded by its invoice';
      }
      if (ours) {
        if (ours.status !== 'pending') return `donation already ${ours.status}`;
        await complete(ours, donorId, p);
        return 'completed';
      }
      // A checkout this server did not create (a Payment Link): recorded from what it carries.
      if (!e.amountMinor || !e.currency) return 'ignored: no amount';
      await newDonation({
        donor_id: donorId,
        plan_id: p?.id ?? null,
        frequency: p ? p.frequency : 'once',
        status: 'completed',
        source: 'payment-link',
      });
      return 'recorded from the provider';
    }
    case 'checkout.failed':
    case 'checkout.cancelled': {
      const ours =
        (e.donationId
          ? await trx
              .selectFrom('donations')
              .selectAll()
              .where('id', '=', e.donationId)
              .where('rail', '=', e.rail)
              .executeTakeFirst()
          : undefined) ?? (await byRef('checkout_ref', e.checkoutRef));
      if (!ours) return 'ignored: unknown checkout';
      if (ours.status !== 'pending') return `donation already ${ours.status}`;
      const status = e.kind === 'checkout.failed' ? 'failed' : 'cancelled';
      await trx.updateTable('donations').set({ status, updated_at: at }).where('id', '=', ours.id).execute();
      return status;
    }
    case 'payment.succeeded':
    case 'payment.failed': {
      const donorId = await donor();
      const p = await plan({
        donorId,
        variant: '',
        ...(e.frequency ? { frequency: e.frequency } : {}),
        test: !!e.test,
      });
      if (!p) return 'ignored: no plan';
      const newer = e.occurredAt >= p.state_at;
      if (e.kind === 'payment.failed') {
        if (newer && p.status !== 'cancelled') {
          await trx
            .updateTable('donation_plans')
            .set({ status: 'past_due', state_at: e.occurredAt })
            .where('id', '=', p.id)
            .execute();
        }
        out.paymentFailed.push(p.id);
        return 'payment failed';
      }
      if (newer && p.status === 'past_due') {
        await trx
          .updateTable('donation_plans')
          .set({ status: 'active', state_at: e.occurredAt })
          .where('id', '=', p.id)
          .execute();
      }
      if (await byRef('invoice_ref', e.invoiceRef)) return 'already recorded';
      await newDonation({
        donor_id: p.donor_id,
        plan_id: p.id,
        frequency: p.frequency,
        status: 'completed',
        variant: p.variant,
        source: 'renewal',
        test: p.test,
        amount_minor: e.amountMinor ?? p.amount_minor,
        currency: e.currency ?? p.currency,
      });
      return 'payment recorded';
    }
    case 'plan.updated':
    case 'plan.cancelled': {
      const p = await plan({
        donorId: null,
        variant: '',
        ...(e.frequency ? { frequency: e.frequency } : {}),
        test: !!e.test,
      });
      if (!p) return 'ignored: no plan';
      if (e.occurredAt < p.state_at) return 'ignored: older than the state applied';
      const status = e.kind === 'plan.cancelled' ? 'cancelled' : (e.planStatus ?? p.status);
      await trx
        .updateTable('donation_plans')
        .set({
          status,
          state_at: e.occurredAt,
          ...(e.amountMinor ? { amount_minor: e.amountMinor } : {}),
          ...(e.currency ? { currency: e.currency } : {}),
          ...(e.frequency && e.frequency !== 'once' ? { frequency: e.frequency } : {}),
          cancelled_at: status === 'cancelled' ? (p.cancelled_at ?? e.occurredAt) : null,
        })
        .where('id', '=', p.id)
        .execute();
      return `plan ${status}`;
    }
    case 'refunded':
    case 'disputed': {
      const d = (await byRef('payment_ref', e.paymentRef)) ?? (await byRef('invoice_ref', e.invoiceRef));
      if (!d) return 'ignored: unknown payment';
      const status = e.kind;
      if (d.status === status) return `already ${status}`;
      await trx.updateTable('donations').set({ status, updated_at: at }).where('id', '=', d.id).execute();
      return status;
    }
  }
}
