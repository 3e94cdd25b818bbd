import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../lib/time.ts';
import type { RateLimits } from '../rate-limits/index.ts';
import { createMailEvents, type MailEvents } from './mail-events.ts';
import { createNewsletterSignup, type NewsletterSignup } from './newsletter-signup.ts';
import { createPrivacyPolicyStore, type PrivacyPolicyStore } from './privacy-policy.ts';
import { foldKeptCounts } from './kept-counts.ts';
import { createSubscriberAdmin, type SubscriberAdmin } from './subscriber-admin.ts';
import { createSubscriberDirectory } from './subscriber-directory.ts';
import { createSubscriberPreferences, type SubscriberPreferences } from './subscriber-preferences.ts';
import type { SubscriberDirectory } from './subscribers.types.ts';

/** The whole module as the composition root wires it: the directory (NL-CONTRACT) and the rest. */
export interface Subscribers extends SubscriberDirectory {
  ensureLanguageLists(languages: readonly string[]): Promise<void>;
  signup: NewsletterSignup;
  preferences: SubscriberPreferences;
  privacy: PrivacyPolicyStore;
  admin: SubscriberAdmin;
  /** Bounces and complaints from webhooks and DSNs. */
  mailEvents: MailEvents;
  /** Folds the kept counts' changes into their totals (a scheduled job; reads fold too). */
  foldCounts(): Promise<void>;
}

export function createSubscribers(deps: {
  db: Db;
  keys: Keys;
  mailer: Mailer;
  jobs: Pick<JobQueue, 'enqueue' | 'cancel'>;
  rateLimits: RateLimits;
  siteUrl: string;
  mailFrom: string;
  publicationName: () => string;
  softBounceLimit: number;
  confirmHours: number;
  /** A list changed: pages showing the signup block are stale. */
  onListsChange?: () => void;
  now?: Clock;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}): Subscribers {
  const opt = { ...(deps.now ? { now: deps.now } : {}) };
  const privacy = createPrivacyPolicyStore({ db: deps.db, ...opt });
  const directory = createSubscriberDirectory({
    db: deps.db,
    keys: deps.keys,
    siteUrl: deps.siteUrl,
    mailFrom: deps.mailFrom,
    softBounceLimit: deps.softBounceLimit,
    ...opt,
  });
  return {
    ...directory,
    privacy,
    foldCounts: () => foldKeptCounts(deps.db),
    signup: createNewsletterSignup({
      db: deps.db,
      keys: deps.keys,
      mailer: deps.mailer,
      jobs: deps.jobs,
      rateLimits: deps.rateLimits,
      privacy,
      siteUrl: deps.siteUrl,
      publicationName: deps.publicationName,
      confirmHours: deps.confirmHours,
      ...opt,
      ...(deps.log ? { log: deps.log } : {}),
    }),
    mailEvents: createMailEvents({
      db: deps.db,
      keys: deps.keys,
      privacy,
      softBounceLimit: deps.softBounceLimit,
      ...opt,
    }),
    preferences: createSubscriberPreferences({
      db: deps.db,
      keys: deps.keys,
      jobs: deps.jobs,
      mailer: deps.mailer,
      privacy,
      ...opt,
    }),
    admin: createSubscriberAdmin({
      db: deps.db,
      keys: deps.keys,
      jobs: deps.jobs,
      mailer: deps.mailer,
      privacy,
      directory,
      onListsChange: deps.onListsChange ?? (() => {}),
      ...opt,
    }),
  };
}
