// Reader revenue: gifts on the payment rails, with the card-testing limits and the optional
// proof-of-work step shared by every process; and the public rules the appeal renders from memory.
import type { JobQueue } from '../adapters/jobs/index.ts';
import type { Mailer } from '../adapters/mail/index.ts';
import type { AppealService } from '../modules/appeal/index.ts';
import type { AuditLog } from '../modules/audit/index.ts';
import {
  CHALLENGE_TTL_S,
  createDonations,
  sharedCheckoutLimiter,
  type Donations,
} from '../modules/donations/index.ts';
import { createRateLimits } from '../modules/rate-limits/index.ts';
import { siteBase, type Context } from './context.ts';
import { paymentRails } from './payment-rails.ts';

type MoneyRules = Awaited<ReturnType<Donations['publicRules']>>;

export async function buildDonations(
  { config, db, keys, log, clock }: Context,
  deps: {
    mailer: Mailer;
    jobs: () => JobQueue;
    audit: AuditLog;
    publicationName: () => string;
    clearAll: () => void;
    /** Built after the donations, which it reads the money rules from. */
    appeal: () => AppealService;
  },
): Promise<{ donations: Donations; moneyRules: () => MoneyRules; refreshMoneyRules: () => Promise<void> }> {
  const checkoutLimits = createRateLimits({ db, hashingKey: keys.hashing, ...clock });
  const donations = createDonations({
    db,
    keys,
    rails: paymentRails(config),
    mailer: deps.mailer,
    jobs: deps.jobs,
    audit: deps.audit,
    siteUrl: siteBase(config),
    publicationName: deps.publicationName,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    log,
    ...clock,
    // Card testing: checkout attempts per address range (/24, /48) and per e-mail, all processes.
    limiter: sharedCheckoutLimiter((policy, subject) => checkoutLimits.hit(policy, subject), {
      perRange: config.DONATIONS_CHECKOUTS_PER_RANGE,
      perEmail: config.DONATIONS_CHECKOUTS_PER_EMAIL,
      windowMs: 10 * 60_000,
    }),
    // The optional proof-of-work step: each challenge accepted once, in every process.
    proofOfWork: {
      bits: config.DONATIONS_PROOF_OF_WORK_BITS,
      spend: async (nonce) =>
        (
          await checkoutLimits.hit(
            { name: 'donation-pow-spent', limit: 1, windowMs: (CHALLENGE_TTL_S + 120) * 1000 },
            nonce,
          )
        ).allowed,
    },
    // A completed gift counts as a conversion for the appeal variant that led to it.
    onGiftCompleted: (gift) => deps.appeal().recordConversion(gift.variant),
  });
  // The appeal renders synchronously from memory: keep the donations module's public rules here,
  // read again when they change (here or, through the change feed, in another process).
  let moneyRules = await donations.publicRules();
  const refreshMoneyRules = async () => {
    moneyRules = await donations.publicRules();
  };
  const updateDonationRules = donations.updateRules;
  // New amounts show on every page carrying the appeal.
  donations.updateRules = async (actor, input) => {
    const updated = await updateDonationRules(actor, input);
    await refreshMoneyRules();
    deps.clearAll();
    return updated;
  };
  return { donations, moneyRules: () => moneyRules, refreshMoneyRules };
}
