// Reader revenue, the money half: the rules gifts are checked against, checkouts on the payment
// rails, provider events recorded once and in order, donors (sealed), plans, receipts, the donor
// page and the admins' reports. The appeal (banner, dialog, /support form) is another module.
export { createDonations, type Donations, type DonationsDeps } from './donations.ts';
export { donationJobs, donationSchedules } from './donation-jobs.ts';
export { donationMailPayload } from './donation-mail-sender.ts';
export { GiftRejectedError, ProofOfWorkRequiredError, RailDownError } from './gift-errors.ts';
export { supportPaths } from './support-paths.ts';
export type { PublicDonationRules } from './donation-rules-store.ts';
export {
  createDonationReports,
  donationQuerySchema,
  summaryQuerySchema,
  supporterQuerySchema,
  type DonationReports,
  type VariantCounters,
} from './donation-reports.ts';
export {
  CURRENCY_EXPONENTS,
  DEFAULT_RULES,
  donationRulesSchema,
  exponentOf,
  FREQUENCIES,
  type DonationRules,
  type GiftFrequency,
} from './donation-rules.ts';
export { parseMajorAmount, type GiftProblem } from './parse-gift.ts';
export { formatMoney } from './money-format.ts';
export { createCheckoutLimiter, sharedCheckoutLimiter, type CheckoutLimiter } from './checkout-limiter.ts';
export { RENEW_TEST_PLANS_TASK } from './test-renewals.ts';
export { CHALLENGE_TTL_S, NO_SCRIPT_WAIT_S, solveChallenge } from './proof-of-work.ts';
