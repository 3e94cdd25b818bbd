import type { Kysely, Selectable } from 'kysely';
import type { Database, DonationPlansTable } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { PaymentRail } from '../../adapters/payments/index.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Clock } from '../../lib/time.ts';
import { systemActor, type Actor } from '../staff/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { forgetReminders } from '../appeal/index.ts';
import { eraseSubscriberWithAddress } from '../subscribers/index.ts';
import type { DonationRules } from './donation-rules.ts';
import { verifyDonorToken } from './donor-link.ts';
import { openDonor, type DonorIdentity } from './donor-store.ts';
import { checkGift } from './parse-gift.ts';
import { GiftRejectedError } from './gift-errors.ts';

// The donor page's operations, reached only through the emailed signed link: see the gifts,
// change, pause, resume or cancel a recurring gift, take a copy of the data, erase it. The link
// is the permission; a bad, tampered or expired one changes nothing. Each change is made at the
// provider first (a refusal there changes nothing here), then recorded with its audit entry and
// the notice mail in one transaction.

type Plan = Selectable<DonationPlansTable>;

/** What a donor's change did to a plan; the notice mail says it in words. */
export type PlanChangeKind = 'changed' | 'paused' | 'resumed' | 'cancelled';

export interface DonorSelfServiceDeps {
  db: Kysely<Database>;
  keys: Pick<Keys, 'encryption' | 'signing' | 'hashing'>;
  railById: (id: string) => PaymentRail | undefined;
  rails: () => PaymentRail[];
  rules: () => Promise<DonationRules>;
  jobs: () => JobQueue;
  /** Erasure removes the copies of mail the transport keeps (the outbox's receipts). */
  mailer: Pick<Mailer, 'forget'>;
  audit: AuditRecorder;
  now: Clock;
  defaultLanguage: string;
}

const AUDIT_VERB: Record<PlanChangeKind, string> = {
  changed: 'change',
  paused: 'pause',
  resumed: 'resume',
  cancelled: 'cancel',
};

/** The donor acting through their link, as the audit log names them (never their address). */
const donorActor: Actor = { ...systemActor, label: 'donor (signed link)' };

export interface DonorAction {
  kind: string;
  planId?: string;
  amount?: string;
  frequency?: string;
}

export function createDonorSelfService(deps: DonorSelfServiceDeps) {
  const k = deps.db;

  async function loadDonor(token: unknown): Promise<DonorIdentity | undefined> {
    const donorId = verifyDonorToken(deps.keys.signing, token, deps.now());
    if (!donorId) return undefined;
    const row = await k.selectFrom('donors').selectAll().where('id', '=', donorId).executeTakeFirst();
    if (!row || row.erased_at) return undefined;
    return openDonor(deps.keys, row);
  }

  async function giftsOf(donorId: string) {
    return k
      .selectFrom('donations')
      .selectAll()
      .where('donor_id', '=', donorId)
      .where('status', 'in', ['completed', 'refunded', 'disputed'])
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
  }

  async function plansOf(donorId: string) {
    return k
      .selectFrom('donation_plans')
      .selectAll()
      .where('donor_id', '=', donorId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Records a plan change with its audit entry and notice mail, all or nothing. */
  async function record(
    plan: Plan,
    change: PlanChangeKind,
    set: Partial<Plan>,
    summary: string,
    lang: string,
  ) {
    await k.transaction().execute(async (trx) => {
      await trx.updateTable('donation_plans').set(set).where('id', '=', plan.id).execute();
      await deps.audit.record(
        {
          actor: donorActor,
          origin: 'donor link',
          action: `donation_plan.${AUDIT_VERB[change]}`,
          objectType: 'donation_plan',
          objectId: plan.id,
          summary,
        },
        { trx },
      );
      await deps
        .jobs()
        .enqueue('donations.mail', { kind: 'plan_notice', id: plan.id, change, lang }, { trx });
    });
  }

  return {
    loadDonor,

    /** The donor page: their gifts and plans; undefined for a bad, tampered or expired link. */
    async donorPage(token: unknown) {
      const donor = await loadDonor(token);
      if (!donor) return undefined;
      return {
        donor,
        gifts: await giftsOf(donor.id),
        plans: await plansOf(donor.id),
        rules: await deps.rules(),
      };
    },

    /** Everything kept about the donor, as they may take it away; undefined for a bad link. */
    async donorData(token: unknown) {
      const donor = await loadDonor(token);
      if (!donor) return undefined;
      const gifts = await giftsOf(donor.id);
      const plans = await plansOf(donor.id);
      return {
        exported_at: deps.now().toISOString(),
        donor: { email: donor.email, name: donor.name, since: donor.createdAt },
        gifts: gifts.map((g) => ({
          reference: g.id.slice(0, 8).toUpperCase(),
          amount_minor: g.amount_minor,
          currency: g.currency,
          frequency: g.frequency,
          status: g.status,
          rail: g.rail,
          test: g.test === 1,
          date: g.completed_at ?? g.created_at,
        })),
        recurring_gifts: plans.map((p) => ({
          amount_minor: p.amount_minor,
          currency: p.currency,
          frequency: p.frequency,
          status: p.status,
          rail: p.rail,
          test: p.test === 1,
          started: p.created_at,
          cancelled: p.cancelled_at,
        })),
      };
    },

    /**
     * One of the donor page's buttons. Undefined for a bad link (nothing changed); a refused
     * change throws (GiftRejectedError, ValidationError, NotFoundError, or the rail's
     * RailUnavailableError), also with nothing changed.
     */
    async donorAction(
      token: unknown,
      action: DonorAction,
      lang = deps.defaultLanguage,
    ): Promise<{ done: PlanChangeKind | 'erased' } | undefined> {
      const donor = await loadDonor(token);
      if (!donor) return undefined;
      const at = deps.now().toISOString();
      if (action.kind === 'erase') {
        const plans = await k
          .selectFrom('donation_plans')
          .selectAll()
          .where('donor_id', '=', donor.id)
          .where('status', '!=', 'cancelled')
          .execute();
        // Stop the money first: a provider that refuses leaves everything as it was.
        for (const p of plans) if (p.provider_ref) await deps.railById(p.rail)?.cancelPlan?.(p.provider_ref);
        // Then the kept copies of their mail (receipts in the outbox): should the rows below fail,
        // the donor is still there to erase again.
        if (donor.email) await deps.mailer.forget(donor.email);
        await k.transaction().execute(async (trx) => {
          await trx
            .updateTable('donation_plans')
            .set({ status: 'cancelled', cancelled_at: at })
            .where('donor_id', '=', donor.id)
            .where('status', '!=', 'cancelled')
            .execute();
          // The gifts stay, without anyone attached: only anonymous totals remain.
          await trx
            .updateTable('donations')
            .set({ donor_id: null })
            .where('donor_id', '=', donor.id)
            .execute();
          await trx
            .updateTable('donation_plans')
            .set({ donor_id: null })
            .where('donor_id', '=', donor.id)
            .execute();
          // "Email me a reminder" under the appeal holds the same address: it goes too.
          const { email_hash } = await trx
            .selectFrom('donors')
            .select('email_hash')
            .where('id', '=', donor.id)
            .executeTakeFirstOrThrow();
          await forgetReminders(trx, deps.jobs(), email_hash);
          // Erasing "my details" means everything held about the address: a newsletter
          // subscription with it ends and is erased too (the page says so).
          const unsubscribed =
            donor.email !== null &&
            (await eraseSubscriberWithAddress(trx, { keys: deps.keys, jobs: deps.jobs() }, donor.email));
          await trx
            .updateTable('donors')
            .set({ email_sealed: null, email_hash: null, name_sealed: null, erased_at: at })
            .where('id', '=', donor.id)
            .execute();
          await deps.audit.record(
            {
              actor: donorActor,
              origin: 'donor link',
              action: 'donor.erase',
              objectType: 'donor',
              objectId: donor.id,
              summary:
                `personal data erased by the donor; ${plans.length} recurring gift(s) cancelled` +
                (unsubscribed ? '; newsletter subscription erased' : ''),
            },
            { trx },
          );
        });
        return { done: 'erased' };
      }
      const plan =
        action.planId && /^[0-9a-f-]{36}$/.test(action.planId)
          ? await k
              .selectFrom('donation_plans')
              .selectAll()
              .where('id', '=', action.planId)
              .where('donor_id', '=', donor.id)
              .executeTakeFirst()
          : undefined;
      if (!plan || plan.status === 'cancelled') throw new NotFoundError('plan', action.planId ?? '');
      const rail = deps.railById(plan.rail);
      const ref = plan.provider_ref ?? '';
      if (action.kind === 'cancel') {
        await rail?.cancelPlan?.(ref);
        await record(
          plan,
          'cancelled',
          { status: 'cancelled', cancelled_at: at },
          'cancelled by its donor',
          lang,
        );
        return { done: 'cancelled' };
      }
      if (action.kind === 'pause' || action.kind === 'resume') {
        const pause = action.kind === 'pause';
        if (pause ? plan.status === 'paused' : plan.status !== 'paused') {
          throw new ValidationError(pause ? 'this gift is already paused' : 'this gift is not paused');
        }
        await rail?.pausePlan?.(ref, pause);
        await record(
          plan,
          pause ? 'paused' : 'resumed',
          { status: pause ? 'paused' : 'active' },
          `${pause ? 'paused' : 'resumed'} by its donor`,
          lang,
        );
        return { done: pause ? 'paused' : 'resumed' };
      }
      if (action.kind === 'change') {
        const check = checkGift(await deps.rules(), deps.rails(), {
          frequency: action.frequency,
          currency: plan.currency,
          amount: action.amount,
          rail: plan.rail,
        });
        if (!check.ok) {
          throw new GiftRejectedError(check.problem, {
            ...(check.minimumMinor ? { minimumMinor: check.minimumMinor } : {}),
            ...(check.maximumMinor ? { maximumMinor: check.maximumMinor } : {}),
          });
        }
        if (check.gift.frequency === 'once') throw new GiftRejectedError('frequency_unknown');
        const frequency = check.gift.frequency;
        await rail?.changePlan?.({
          planRef: ref,
          amountMinor: check.gift.amountMinor,
          frequency,
          currency: plan.currency,
        });
        await record(
          plan,
          'changed',
          { amount_minor: check.gift.amountMinor, frequency },
          `changed by its donor from ${plan.amount_minor} ${plan.currency} ${plan.frequency} to ${check.gift.amountMinor} ${plan.currency} ${frequency}`,
          lang,
        );
        return { done: 'changed' };
      }
      throw new ValidationError('unknown action');
    },
  };
}

export type DonorSelfService = ReturnType<typeof createDonorSelfService>;
