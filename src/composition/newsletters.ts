// Newsletters: the lists and their recipients (subscribers), then the issues, their schedule and
// the sending engine, which take recipients and links from the subscribers.
import type { JobQueue } from '../adapters/jobs/index.ts';
import type { Mailer } from '../adapters/mail/index.ts';
import type { FrontPageStore } from '../modules/frontpage/index.ts';
import { noteIn, type MirrorService } from '../modules/mirrors/index.ts';
import { createNewsletters, SEND_TASK, sendJobKey, type Newsletters } from '../modules/newsletters/index.ts';
import { createRateLimits } from '../modules/rate-limits/index.ts';
import type { SiteSettingsStore } from '../modules/settings/index.ts';
import { createSubscribers, type Subscribers } from '../modules/subscribers/index.ts';
import { cacheTags } from '../web/cache/index.ts';
import type { ChangeSignals } from './change-signals.ts';
import type { Context } from './context.ts';

export async function buildSubscribers(
  { config, db, keys, log, clock }: Context,
  deps: {
    mailer: Mailer;
    mailFrom: string;
    jobs: JobQueue;
    settings: SiteSettingsStore;
    clearAll: () => void;
  },
): Promise<Subscribers> {
  const { settings } = deps;
  const subscribers = createSubscribers({
    db,
    keys,
    mailer: deps.mailer,
    jobs: deps.jobs,
    rateLimits: createRateLimits({ db, hashingKey: keys.hashing, ...clock }),
    siteUrl: config.SITE_URL,
    mailFrom: deps.mailFrom,
    publicationName: () => settings.get().name,
    softBounceLimit: config.NEWSLETTER_SOFT_BOUNCE_LIMIT,
    confirmHours: config.NEWSLETTER_CONFIRM_HOURS,
    onListsChange: deps.clearAll,
    log,
    ...clock,
  });
  await subscribers.ensureLanguageLists(settings.get().languages);
  return subscribers;
}

export function buildNewsletters(
  { config, db, log, clock }: Context,
  deps: {
    mailer: Mailer;
    jobs: JobQueue;
    subscribers: Subscribers;
    settings: SiteSettingsStore;
    frontPage: FrontPageStore;
    mirrors: MirrorService;
    signals: Pick<ChangeSignals, 'changed'>;
  },
): Newsletters {
  const { settings, jobs } = deps;
  return createNewsletters({
    db,
    mailer: deps.mailer,
    directory: deps.subscribers,
    siteUrl: config.SITE_URL,
    timeZone: () => settings.get().time_zone,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    publicationName: () => settings.get().name,
    picks: async () => {
      const page = await deps.frontPage.get();
      return [...(page.lead ? [page.lead] : []), ...page.featured];
    },
    // Every way in but the newsletter itself, read when an issue goes out.
    mirrors: (language) =>
      deps.mirrors
        .list()
        .filter((m) => m.kind !== 'newsletter')
        .map((m) => ({ url: m.url, label: noteIn(m, language) })),
    concurrency: config.MAIL_CONCURRENCY,
    ratePerSecond: config.MAIL_RATE_PER_SECOND,
    log,
    // An issue went out: its archive pages (index, the issue) are stale here and elsewhere.
    onSent: () => deps.signals.changed([cacheTags.newsletters]),
    enqueueSend: async (issueId) => {
      await jobs.enqueue(SEND_TASK, { issueId }, { key: sendJobKey(issueId) });
    },
    ...clock,
  });
}
