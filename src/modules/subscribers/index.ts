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
