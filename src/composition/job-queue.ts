// The job queue with every module's jobs and schedules. The handlers reach the services built after
// the queue (articles, media, appeal, donations, newsletters...) only when a job runs.
import { createJobQueue, type JobQueue } from '../adapters/jobs/index.ts';
import { articleJobs, articleSchedules, type ArticleService } from '../modules/articles/index.ts';
import { appealJobs, type AppealService } from '../modules/appeal/index.ts';
import { donationJobs, donationSchedules, type Donations } from '../modules/donations/index.ts';
import { frontPageJobs } from '../modules/frontpage/index.ts';
import type { MediaService } from '../modules/media/index.ts';
import { mirrorJobs, mirrorSchedules, type MirrorExporter } from '../modules/mirrors/index.ts';
import { newsletterJobs, newsletterSchedules, type Newsletters } from '../modules/newsletters/index.ts';
import { relatedJobs } from '../modules/related/index.ts';
import { searchJobs } from '../modules/search/index.ts';
import { renderedPartsJobs, type RenderedParts } from '../modules/site/index.ts';
import { subscriberJobs, subscriberSchedules, type Subscribers } from '../modules/subscribers/index.ts';
import { telegramJobs } from '../modules/telegram/index.ts';
import { cacheTags } from '../web/cache/index.ts';
import type { ChangeSignals } from './change-signals.ts';
import type { Context } from './context.ts';
import type { TelegramChannel } from './telegram.ts';

export interface LateServices {
  articles: () => ArticleService;
  media: () => MediaService;
  appeal: () => AppealService;
  donations: () => Donations;
  newsletters: () => Newsletters;
  subscribers: () => Subscribers;
  /** The static export renders through the services this queue is part of. */
  exportMirror: MirrorExporter;
}

export function buildJobQueue(
  { config, db, log }: Context,
  deps: {
    signals: Pick<ChangeSignals, 'changed' | 'frontPageChanged'>;
    renderedParts: RenderedParts;
    telegram: TelegramChannel | undefined;
    jobBackend: 'embedded' | 'graphile' | undefined;
    late: LateServices;
  },
): JobQueue {
  const { signals, renderedParts, telegram, late } = deps;
  const jobs: JobQueue = createJobQueue(
    db,
    [
      ...articleJobs({ publishDue: () => late.articles().publishDue() }),
      ...searchJobs({ db }),
      ...relatedJobs({
        db,
        // Read more changed on these pages.
        onChanged: (ids) => signals.changed(ids.map((id) => cacheTags.article(id))),
      }),
      ...renderedPartsJobs({
        parts: () => renderedParts,
        articles: () => late.articles(),
        media: () => ({ media: late.media() }),
        jobs: () => jobs,
      }),
      ...frontPageJobs({ onExpired: signals.frontPageChanged }),
      ...appealJobs({ sendReminder: (id) => late.appeal().sendReminder(id) }),
      ...donationJobs(() => late.donations()),
      ...(telegram ? telegramJobs({ ...telegram, jobs: () => jobs, log }) : []),
      ...newsletterJobs({ newsletters: () => late.newsletters(), jobs: () => jobs }),
      ...subscriberJobs({
        expire: (id) => late.subscribers().signup.expire(id),
        foldCounts: () => late.subscribers().foldCounts(),
      }),
      ...mirrorJobs({ config, log, exportMirror: late.exportMirror }),
    ],
    {
      schedules: [
        ...articleSchedules(config.TIMEZONE),
        ...subscriberSchedules(config.TIMEZONE),
        ...newsletterSchedules(),
        ...donationSchedules(config.TIMEZONE),
        ...mirrorSchedules(config, config.TIMEZONE),
      ],
      log,
      ...(deps.jobBackend ? { backend: deps.jobBackend } : {}),
    },
  );
  return jobs;
}
