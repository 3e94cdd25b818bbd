// The articles, with what follows a change to one: durable jobs queued in its transaction, and after
// the commit the cached pages that show it or could list it dropped.
import type { JobQueue } from '../adapters/jobs/index.ts';
import { createArticleFollowUps, createArticles, type ArticleService } from '../modules/articles/index.ts';
import type { AuditLog } from '../modules/audit/index.ts';
import { toPublicMedia, type MediaService } from '../modules/media/index.ts';
import { MIRROR_EXPORT_TASK, MIRROR_JOB_KEY } from '../modules/mirrors/index.ts';
import { renderPartsFollowUp } from '../modules/site/index.ts';
import { telegramFollowUp } from '../modules/telegram/index.ts';
import { invalidateOnArticleChange } from '../web/cache/index.ts';
import type { ChangeSignals } from './change-signals.ts';
import type { Context } from './context.ts';
import { mediaBaseUrl } from './media.ts';

export function buildArticles(
  { config, db, log, clock }: Context,
  deps: {
    jobs: JobQueue;
    audit: AuditLog;
    signals: Pick<ChangeSignals, 'changed'>;
    telegram: boolean;
    /** Built after the articles (it asks them whether a photo may change). */
    media: () => MediaService;
  },
): ArticleService {
  const { jobs } = deps;
  // What follows an article change is the articles module's policy; here it only gets its queue.
  const followUps = createArticleFollowUps({
    jobs,
    log,
    durable: [renderPartsFollowUp(jobs), ...(deps.telegram ? [telegramFollowUp(jobs)] : [])],
    ...(config.MIRROR_DIR ? { publicChangeJobs: [{ task: MIRROR_EXPORT_TASK, key: MIRROR_JOB_KEY }] } : {}),
  });
  const articles = createArticles({
    db,
    changes: followUps,
    audit: deps.audit,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    ...clock,
    // An image from another site in a saved body becomes our own media.
    remoteImages: {
      siteOrigin: new URL(config.SITE_URL).origin,
      budgetMs: config.REMOTE_FETCH_TIMEOUT_S * 3000,
      async importImage(url, details, signal) {
        const imported = await deps.media().importFromUrl(url, details, signal);
        if (!imported.ok) return imported;
        return {
          ok: true,
          mediaId: imported.record.id,
          src: toPublicMedia(imported.record, mediaBaseUrl(config)).url,
        };
      },
    },
  });
  // After an article change commits: drop the cached pages that show it or could list it, here
  // and (through the change feed) in every other process.
  followUps.subscribe(invalidateOnArticleChange(deps.signals.changed));
  return articles;
}
