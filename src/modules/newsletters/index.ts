// The newsletters module's public surface: issues (digest and breaking), their schedule and
// assembly, email rendering, the sending engine, the web archive, bounces and complaints.
export type {
  NewsletterList,
  Recipient,
  SubscriberDirectory,
  SubscriberLinks,
  SubscriberRef,
} from './subscriber-directory.ts';
export { createDeliveryStore, type DeliveryStore, type DeliveryCounts } from './delivery-store.ts';
export {
  createSendEngine,
  type SendEngine,
  type SendOutcome,
  DEFAULT_RETRY_DELAYS_MS,
} from './send-engine.ts';
export { assembleIssue, editItems } from './assemble-issue.ts';
export { digestDue, nextDigestTime, DEFAULT_DIGEST_CRON } from './digest-schedule.ts';
export { createNewsletters, NewsletterError, type Newsletters, type NewslettersDeps } from './newsletters.ts';
export { newsletterJobs, newsletterSchedules, SEND_TASK, sendJobKey } from './newsletter-jobs.ts';
export { renderIssue, personalise, type IssueTemplate } from './render-issue.ts';
