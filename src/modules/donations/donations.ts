import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { PaymentRail, RailId, WebhookRequest } from '../../adapters/payments/index.ts';
import { DomainError, NotFoundError, RateLimitedError, ValidationError } from '../../domain/errors.ts';
import { systemClock, type Clock } from '../../lib/time.ts';
import { can, type Actor } from '../staff/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { addressRange } from '../rate-limits/index.ts';
import { createCheckoutLimiter, type CheckoutLimiter } from './checkout-limiter.ts';
import type { DonationRules } from './donation-rules.ts';
import { readRules, saveRules, toPublicRules, type PublicDonationRules } from './donation-rules-store.ts';
import { createDonationMailSender } from './donation-mail-sender.ts';
import { signDonorToken } from './donor-link.ts';
import { createDonorSelfService } from './donor-self-service.ts';
import { findDonorByEmail, looksLikeEmail, normaliseEmail } from './donor-store.ts';
import { createGiftCheckout } from './gift-checkout.ts';
import { createEventRecorder } from './record-events.ts';
import { supportPaths } from './support-paths.ts';
import { createTestCheckout } from './test-checkout.ts';
import { renewDueTestPlans } from './test-renewals.ts';

// The donations service: each of its ideas in its own file (the rules kept in settings, checkout,
// the TEST rail's page, provider events, mail, the donor's page), assembled here with what is
// left: the donor-link request, the TEST rail's renewals, marking a bank transfer received.

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

export function createDonations(deps: DonationsDeps) {
  const { db, keys } = deps;
  const k = db.kysely;
  const now = deps.now ?? systemClock;
  const log = deps.log ?? (() => {});
  const limiter =
    deps.limiter ?? createCheckoutLimiter({ perRange: 30, perEmail: 10, windowMs: 10 * 60_000 });
  const site = deps.siteUrl.replace(/\/+$/, '');
  const railById = (id: string) => deps.rails.find((r) => r.id === id);
  const rules = (): Promise<DonationRules> => readRules(k);

  function donorUrl(donorId: string): string {
    return site + supportPaths.donor(signDonorToken(keys.signing, donorId, now()));
  }

  const recordEvents = createEventRecorder({
    db: k,
    keys,
    jobs: deps.jobs,
    now,
    log,
    defaultLanguage: deps.defaultLanguage,
    ...(deps.onGiftCompleted ? { onGiftCompleted: deps.onGiftCompleted } : {}),
  });
  const sendMail = createDonationMailSender({
    db: k,
    keys,
    mailer: deps.mailer,
    publicationName: deps.publicationName,
    donorUrl,
  });
  const checkout = createGiftCheckout({
    db: k,
    keys,
    rails: deps.rails,
    railById,
    rules,
    limiter,
    proofOfWork: deps.proofOfWork,
    site,
    publicationName: deps.publicationName,
    now,
    log,
  });
  const completeTestCheckout = createTestCheckout({
    pendingCheckout: checkout.pendingCheckout,
    hasTestRail: () => railById('test') !== undefined,
    limiter,
    recordEvents,
    now,
  });

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
      return toPublicRules(await rules(), deps.rails);
    },

    async updateRules(actor: Actor, input: unknown): Promise<DonationRules> {
      assertAdmin(actor);
      return saveRules(k, deps.audit, actor, input);
    },

    ...checkout,
    completeTestCheckout,

    /** A webhook from a rail: verified and parsed by its adapter, each event recorded once. */
    async handleWebhook(railId: RailId, request: WebhookRequest) {
      const rail = railById(railId);
      if (!rail?.parseWebhook) throw new NotFoundError('payment rail', railId);
      const events = rail.parseWebhook(request);
      return recordEvents(events);
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
