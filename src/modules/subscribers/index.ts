// The subscribers module's public surface (issue 11, NL-CONTRACT.md): the lists, their
// recipients, per-recipient links, suppression; signup, double opt-in, preferences, the privacy
// policy and the Admin API operations.
export type {
  NewsletterList,
  Recipient,
  SubscriberDirectory,
  SubscriberLinks,
  SubscriberRef,
  SubscriberStatus,
  SubscriptionStatus,
  SuppressionReason,
} from './subscribers.types.ts';
export { createSubscriberDirectory, type SubscriberDirectoryDeps } from './subscriber-directory.ts';
export { normaliseAddress, cleanSubscriberName, type AddressProblem } from './email-address.ts';
export { subscriberPaths } from './subscriber-paths.ts';
export { eraseSubscriberWithAddress } from './subscriber-erasure.ts';
export { createSubscribers, type Subscribers } from './subscribers.ts';
export type { MailEventOutcome, MailEvents } from './mail-events.ts';
export type { NewsletterSignup, SignupInput, SignupOutcome, ConfirmOutcome } from './newsletter-signup.ts';
export type {
  PreferencesView,
  SubscriberDataExport,
  SubscriberPreferences,
} from './subscriber-preferences.ts';
export type { PrivacyPolicy, PrivacyPolicyStore } from './privacy-policy.ts';
export type {
  AdminSubscriber,
  AdminSubscriberDetail,
  SubscriberAdmin,
  SubscriberCounts,
} from './subscriber-admin.ts';
export { listCreateSchema, listPatchSchema, cronProblem } from './list-rules.ts';
export { subscriberJobs, subscriberSchedules } from './subscriber-jobs.ts';
export { MAX_POLICY_CHARS } from './privacy-policy.ts';
export { SIGNUP_RANGE_LIMIT, SIGNUP_TARGET_LIMIT } from './newsletter-signup.ts';
export {
  adminListSchema,
  adminListsSchema,
  adminSubscriberDetailSchema,
  adminSubscriberPageSchema,
  adminSubscriberQuerySchema,
  privacyPolicyBodySchema,
  privacyPolicySchema,
  subscriberCountsSchema,
  suppressBodySchema,
  toAdminList,
  toAdminPolicy,
} from './subscriber-admin-schemas.ts';
export {
  exportSubscribers,
  importColumns,
  importSubscribers,
  IMPORT_COLUMNS,
  type ImportRecord,
  type ImportReport,
} from './subscriber-import.ts';
