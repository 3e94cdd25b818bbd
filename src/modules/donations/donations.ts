import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import {
  defineJob,
  type AnyJobDefinition,
  type JobQueue,
  type RecurringSchedule,
} from '../../adapters/jobs/index.ts';
import {
  RailUnavailableError,
  type PaymentEvent,
  type PaymentRail,
  type RailId,
  type WebhookRequest,
} from '../../adapters/payments/index.ts';
import { DomainError, NotFoundError, RateLimitedError, ValidationError } from '../../domain/errors.ts';
import { systemClock, type Clock } from '../../lib/time.ts';
import { can, type Actor } from '../staff/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { applyEvent, type Followups } from './apply-event.ts';
import { createCheckoutLimiter, type CheckoutLimiter } from './checkout-limiter.ts';
import { addressRange } from '../rate-limits/index.ts';
import {
  DEFAULT_RULES,
  donationRulesSchema,
  exponentOf,
  type DonationRules,
  type GiftFrequency,
} from './donation-rules.ts';
import { donorLinkMail, paymentFailedMail, planNoticeMail, receiptMail } from './donation-mail.ts';
import { signDonorToken } from './donor-link.ts';
import { createDonorSelfService } from './donor-self-service.ts';
import { renewDueTestPlans, RENEW_TEST_PLANS_TASK } from './test-renewals.ts';
import { GiftRejectedError, ProofOfWorkRequiredError, RailDownError } from './gift-errors.ts';
import { checkChallenge, issueChallenge } from './proof-of-work.ts';
import { findDonorByEmail, looksLikeEmail, normaliseEmail, openDonor } from './donor-store.ts';
import { checkGift, type CheckoutForm } from './parse-gift.ts';

export { GiftRejectedError, ProofOfWorkRequiredError, RailDownError } from './gift-errors.ts';

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

export interface DonationsDeps {
  db: Db;
  keys: Pick<Keys, 'encryption' | 'hashing' | 'signing'>;
  rails: PaymentRail[];
  mailer: Mailer;
  jobs: () => JobQueue;
  audit: AuditRecorder;
  siteUrl: string;
  publicationName: () => string;
  defaultLanguage: string;
  now?: Clock;
  /** Called after a gift completes (the appeal counts the conversion for its variant). */
  onGiftCompleted?: (gift: { variant: string }) => void | Promise<void>;
  limiter?: CheckoutLimiter;
  /**
   * The optional proof-of-work step on checkout creation: `bits` of work (0: off), and `spend`,
   * true the first time a challenge's nonce is presented (shared by every process).
   */
  proofOfWork?: { bits: number; spend: (nonce: string) => Promise<boolean> };
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export const donationMailPayload = z.object({
  kind: z.enum(['receipt', 'payment_failed', 'donor_link', 'plan_notice']),
  /** A donation (receipt), a plan (payment_failed, plan_notice) or a donor (donor_link): never an address. */
  id: z.string().uuid(),
  /** What the donor did to the plan (plan_notice). */
  change: z.enum(['changed', 'paused', 'resumed', 'cancelled']).optional(),
  lang: z.string().max(8).default('en'),
});

export const supportPaths = {
  thankYou: '/support/thank-you',
  testCheckout: (ref: string) => `/support/test-checkout/${ref}`,
  bank: (ref: string) => `/support/bank/${ref}`,
  donor: (token: string) => `/support/donor/${token}`,
  support: '/support',
};

export function createDonations(deps: DonationsDeps) {
  const { db, keys } = deps;
  const k = db.kysely;
  const now = deps.now ?? systemClock;
  const log = deps.log ?? (() => {});
  const limiter =
    deps.limiter ?? createCheckoutLimiter({ perRange: 30, perEmail: 10, windowMs: 10 * 60_000 });
  const site = deps.siteUrl.replace(/\/+$/, '');
  const railById = (id: string) => deps.rails.find((r) => r.id === id);
  const publicRails = () => deps.rails.map((r) => ({ id: r.id, label: r.label, test: r.test }));

  async function rules(): Promise<DonationRules> {
    const row = await k
      .selectFrom('settings')
      .select('value')
      .where('key', '=', RULES_KEY)
      .executeTakeFirst();
    if (!row) return DEFAULT_RULES;
    const parsed = donationRulesSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_RULES;
  }

  function donorUrl(donorId: string): string {
    return site + supportPaths.donor(signDonorToken(keys.signing, donorId, now()));
  }

  async function runFollowups(out: Followups, lang: string) {
    for (const gift of out.completed) {
      try {
        await deps.onGiftCompleted?.(gift);
      } catch (err) {
        log('warn', 'the gift-completed hook failed', {
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    void lang;
  }

  /** Records each event once and applies it in the same transaction; mail follows as jobs. */
  async function recordEvents(events: PaymentEvent[], lang = deps.defaultLanguage) {
    const outcomes: Array<{ id: string; outcome: string }> = [];
    for (const e of events) {
      const out: Followups = { receipts: [], paymentFailed: [], completed: [] };
      const at = now().toISOString();
      const outcome = await k.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('payment_events')
          .values({
            rail: e.rail,
            event_id: e.id,
            kind: e.kind,
            occurred_at: e.occurredAt,
            received_at: at,
            outcome: '',
          })
          .onConflict((oc) => oc.columns(['rail', 'event_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate';
        const result = await applyEvent(trx, e, { keys, at }, out);
        await trx
          .updateTable('payment_events')
          .set({ outcome: result })
          .where('rail', '=', e.rail)
          .where('event_id', '=', e.id)
          .execute();
        for (const id of out.receipts)
          await deps.jobs().enqueue('donations.mail', { kind: 'receipt', id, lang }, { trx });
        for (const id of out.paymentFailed) {
          await deps.jobs().enqueue('donations.mail', { kind: 'payment_failed', id, lang }, { trx });
        }
        return result;
      });
      if (outcome !== 'duplicate') await runFollowups(out, lang);
      outcomes.push({ id: e.id, outcome });
    }
    return outcomes;
  }

  async function sendMail(payload: z.output<typeof donationMailPayload>) {
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
  }

  const selfService = createDonorSelfService({
    db: k,
    keys,
    railById,
    rails: () => deps.rails,
    rules,
    jobs: deps.jobs,
    mailer: deps.mailer,
    audit: deps.audit,
    now,
    defaultLanguage: deps.defaultLanguage,
  });

  function assertAdmin(actor: Actor) {
    if (!can(actor.role, 'donations.manage')) {
      throw new DomainError('forbidden', 'only admins may see and manage donations');
    }
  }

  return {
    sendMail,
    rules,
    recordEvents,
    railById,

    async publicRules(): Promise<PublicDonationRules> {
      const r = await rules();
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
      return { currencies, defaultCurrency: r.defaultCurrency, rails: publicRails() };
    },

    async updateRules(actor: Actor, input: unknown): Promise<DonationRules> {
      assertAdmin(actor);
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
        await deps.audit.record(
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
    },

    /**
     * A checkout for a gift the rules accept, on the rail the donor chose; the donor goes to its
     * URL. Refused gifts record nothing; an unreachable rail names the others.
     */
    async startCheckout(
      form: CheckoutForm,
      origin: { address: string },
    ): Promise<{ url: string; donationId: string }> {
      const emailText = typeof form.email === 'string' ? normaliseEmail(form.email) : '';
      const email = emailText && looksLikeEmail(emailText) ? emailText : undefined;
      const pow = deps.proofOfWork && deps.proofOfWork.bits > 0 ? deps.proofOfWork : undefined;
      const refuse = (check: Extract<ReturnType<typeof checkGift>, { ok: false }>) =>
        new GiftRejectedError(check.problem, {
          ...(check.minimumMinor ? { minimumMinor: check.minimumMinor } : {}),
          ...(check.maximumMinor ? { maximumMinor: check.maximumMinor } : {}),
        });
      // With proof of work on, a form that has not been through it gets its challenge first;
      // issuing one costs an HMAC, so it is not counted against the limits.
      if (pow && (typeof form.pow_token !== 'string' || form.pow_token === '')) {
        const check = checkGift(await rules(), deps.rails, form);
        if (!check.ok) throw refuse(check);
        throw new ProofOfWorkRequiredError(
          issueChallenge(keys.signing, check.gift, pow.bits, now()),
          pow.bits,
        );
      }
      if (!(await limiter.allow({ range: addressRange(origin.address), ...(email ? { email } : {}) }))) {
        throw new RateLimitedError(600);
      }
      const check = checkGift(await rules(), deps.rails, form);
      if (!check.ok) throw refuse(check);
      if (pow) {
        const verdict = checkChallenge(keys.signing, form.pow_token, form.pow_solution, check.gift, now());
        const problem = !verdict.ok
          ? verdict.problem
          : (await pow.spend(verdict.nonce))
            ? undefined
            : 'spent';
        if (problem) {
          log('info', 'a proof-of-work answer was refused', { problem });
          throw new ProofOfWorkRequiredError(
            issueChallenge(keys.signing, check.gift, pow.bits, now()),
            pow.bits,
            problem,
          );
        }
      }
      const gift = check.gift;
      const rail = railById(gift.rail)!;
      const donationId = randomUUID();
      let checkout;
      try {
        checkout = await rail.createCheckout({
          donationId,
          amountMinor: gift.amountMinor,
          currency: gift.currency,
          exponent: exponentOf(gift.currency),
          frequency: gift.frequency,
          successUrl: `${site}${supportPaths.thankYou}?gift=${donationId}`,
          cancelUrl: `${site}${supportPaths.support}`,
          ...(email ? { email } : {}),
          description: `${deps.publicationName()}`,
        });
      } catch (err) {
        if (err instanceof RailUnavailableError) {
          log('warn', 'a payment rail is unavailable', { rail: rail.id, error: err.message });
          throw new RailDownError(
            rail.id,
            publicRails().filter((r) => r.id !== rail.id),
          );
        }
        throw err;
      }
      const at = now().toISOString();
      await k
        .insertInto('donations')
        .values({
          id: donationId,
          donor_id: null,
          plan_id: null,
          rail: rail.id,
          checkout_ref: checkout.checkoutRef,
          invoice_ref: null,
          payment_ref: null,
          amount_minor: gift.amountMinor,
          currency: gift.currency,
          frequency: gift.frequency,
          status: 'pending',
          variant: gift.variant,
          source: gift.source,
          test: rail.test ? 1 : 0,
          created_at: at,
          completed_at: null,
          updated_at: at,
        })
        .execute();
      return { url: checkout.url, donationId };
    },

    /** A pending test-rail or bank checkout, for its page; undefined when there is none. */
    async pendingCheckout(rail: 'test' | 'bank', ref: string) {
      if (!/^[A-Za-z0-9_-]{6,64}$/.test(ref)) return undefined;
      const d = await k
        .selectFrom('donations')
        .selectAll()
        .where('rail', '=', rail)
        .where('checkout_ref', '=', ref)
        .executeTakeFirst();
      return d;
    },

    /**
     * The test rail's checkout page answered: the outcome becomes the same event a real rail's
     * webhook would send, through the same path.
     */
    async completeTestCheckout(
      ref: string,
      input: { outcome: string; email?: string; name?: string },
      origin: { address: string },
      lang?: string,
    ) {
      const d = await this.pendingCheckout('test', ref);
      if (!d || d.status !== 'pending' || !railById('test')) throw new NotFoundError('checkout', ref);
      const outcome = input.outcome;
      if (!['succeed', 'fail', 'cancel'].includes(outcome))
        throw new ValidationError('choose succeed, fail or cancel');
      const email = input.email ? normaliseEmail(input.email) : '';
      if (outcome === 'succeed' && !looksLikeEmail(email)) {
        throw new ValidationError('an e-mail address is needed for the receipt', [
          { path: 'email', message: 'invalid' },
        ]);
      }
      if (outcome === 'succeed' && !(await limiter.allow({ range: addressRange(origin.address), email }))) {
        throw new RateLimitedError(600);
      }
      const kind =
        outcome === 'succeed'
          ? 'checkout.completed'
          : outcome === 'fail'
            ? 'checkout.failed'
            : 'checkout.cancelled';
      const event: PaymentEvent = {
        rail: 'test',
        id: `test_evt_${randomBytes(12).toString('hex')}`,
        kind,
        occurredAt: now().toISOString(),
        donationId: d.id,
        checkoutRef: ref,
        test: true,
        ...(outcome === 'succeed'
          ? {
              email,
              ...(input.name?.trim() ? { name: input.name.trim() } : {}),
              amountMinor: d.amount_minor,
              currency: d.currency,
              paymentRef: `test_pi_${ref.slice(8)}`,
              invoiceRef: `test_in_${ref.slice(8)}`,
              ...(d.frequency !== 'once' ? { planRef: `test_sub_${ref.slice(8)}` } : {}),
            }
          : {}),
      };
      await recordEvents([event], lang);
      return { donationId: d.id, outcome };
    },

    /** A webhook from a rail: verified and parsed by its adapter, each event recorded once. */
    async handleWebhook(railId: RailId, request: WebhookRequest) {
      const rail = railById(railId);
      if (!rail?.parseWebhook) throw new NotFoundError('payment rail', railId);
      const events = rail.parseWebhook(request);
      return recordEvents(events);
    },

    async donationForThanks(id: unknown) {
      if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
      return k
        .selectFrom('donations')
        .select(['status', 'test', 'rail'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Sends a donor-page link when the address is a donor's; says nothing either way. */
    async requestDonorLink(emailInput: string, origin: { address: string }, lang: string) {
      const email = normaliseEmail(emailInput);
      if (!looksLikeEmail(email))
        throw new ValidationError('enter an e-mail address', [{ path: 'email', message: 'invalid' }]);
      if (!(await limiter.allow({ range: addressRange(origin.address), email })))
        throw new RateLimitedError(600);
      const donorId = await findDonorByEmail(k, keys, email);
      if (donorId) await deps.jobs().enqueue('donations.mail', { kind: 'donor_link', id: donorId, lang });
    },

    ...selfService,

    /** Bills the TEST rail's due recurring gifts (its scheduled job); nothing without that rail. */
    async renewTestPlans(options: { batch?: number } = {}) {
      if (!railById('test')) return { renewed: 0, due: 0 };
      return renewDueTestPlans({ db: k, now, recordEvents: (events) => recordEvents(events) }, options);
    },

    /** A bank transfer arrived: an admin marks it, which completes the gift as a webhook would. */
    async markBankReceived(actor: Actor, donationId: string) {
      assertAdmin(actor);
      const d = await k.selectFrom('donations').selectAll().where('id', '=', donationId).executeTakeFirst();
      if (!d || d.rail !== 'bank') throw new NotFoundError('bank transfer', donationId);
      if (d.status !== 'pending') throw new DomainError('conflict', `this transfer is already ${d.status}`);
      await recordEvents([
        {
          rail: 'bank',
          id: `bank_received_${d.id}`,
          kind: 'checkout.completed',
          occurredAt: now().toISOString(),
          donationId: d.id,
          ...(d.checkout_ref ? { checkoutRef: d.checkout_ref } : {}),
        },
      ]);
      await deps.audit.record({
        actor,
        action: 'donation.mark_received',
        objectType: 'donation',
        objectId: d.id,
        summary: `bank transfer ${d.checkout_ref ?? ''} received`,
      });
      return await k.selectFrom('donations').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    },

    assertAdmin,
  };
}

export type Donations = ReturnType<typeof createDonations>;

/** The module's jobs; the handler reaches the service, built after the queue, when it runs. */
export function donationJobs(donations: () => Donations): AnyJobDefinition[] {
  return [
    defineJob({
      name: 'donations.mail',
      payload: donationMailPayload,
      maxAttempts: 8,
      handler: (p) => donations().sendMail(p),
    }),
    defineJob({
      name: RENEW_TEST_PLANS_TASK,
      payload: z.object({}).passthrough(),
      maxAttempts: 5,
      // Everything due, a batch at a time; each period is recorded once however often this runs.
      async handler() {
        for (;;) {
          const { renewed, due } = await donations().renewTestPlans({ batch: 100 });
          if (due <= 100 || renewed === 0) return;
        }
      },
    }),
  ] as AnyJobDefinition[];
}

/** The TEST rail's renewals: hourly, and once at start for an hour missed. */
export function donationSchedules(timeZone: string): RecurringSchedule[] {
  return [
    { name: 'test-rail-renewals', cron: '17 * * * *', timeZone, task: RENEW_TEST_PLANS_TASK, catchUp: true },
  ];
}
