import type { Transaction } from 'kysely';
import { z } from 'zod';
import { defineJob, type AnyJobDefinition, type JobQueue } from '../../adapters/jobs/index.ts';
import type { Database } from '../../db/schema.ts';
import { TelegramRefused, TelegramRetryLater } from './bot-api.ts';
import { syncArticleToTelegram, type TelegramSyncDeps } from './telegram-sync.ts';

export const TELEGRAM_SYNC_TASK = 'telegram.sync-article';
export const telegramJobKey = (articleId: string) => `telegram:${articleId}`;

/** Waits Telegram asked for in a row (429) before the job gives up like any failure. */
const MAX_RATE_LIMITED = 20;

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/**
 * The job that makes the channel match an article (telegram-sync.ts). A 429 is honoured: the job
 * puts itself back at Telegram's retry_after and ends; 5xx and network failures throw, so the
 * queue retries with its backoff; any other refusal (4xx: a wrong chat id, a bot not admin of the
 * channel) will not get better by retrying: logged with Telegram's reason, and the job ends.
 */
export function telegramJobs(
  deps: TelegramSyncDeps & { jobs: () => Pick<JobQueue, 'enqueue'>; log: Log },
): AnyJobDefinition[] {
  const payload = z.object({ articleId: z.string(), rateLimited: z.number().int().min(0).default(0) });
  return [
    defineJob({
      name: TELEGRAM_SYNC_TASK,
      payload,
      maxAttempts: 12,
      async handler({ articleId, rateLimited }) {
        try {
          const outcome = await syncArticleToTelegram(deps, articleId);
          if (outcome !== 'nothing' && outcome !== 'unchanged')
            deps.log('info', `telegram: ${outcome}`, { articleId });
        } catch (err) {
          if (
            err instanceof TelegramRetryLater &&
            err.retryAfterMs !== undefined &&
            rateLimited < MAX_RATE_LIMITED
          ) {
            deps.log('warn', 'telegram: rate limited, trying again when Telegram said', {
              articleId,
              retryAfterMs: err.retryAfterMs,
            });
            await deps
              .jobs()
              .enqueue(
                TELEGRAM_SYNC_TASK,
                { articleId, rateLimited: rateLimited + 1 },
                { key: telegramJobKey(articleId), runAt: new Date(Date.now() + err.retryAfterMs) },
              );
            return;
          }
          if (err instanceof TelegramRefused) {
            deps.log('error', `telegram: not posted, and retrying will not help: ${err.message}`, {
              articleId,
            });
            return;
          }
          throw err;
        }
      },
    }) as AnyJobDefinition,
  ];
}

/**
 * The durable follow-up of an article change, run in its transaction: a job when the article
 * has just become visible to readers (a newly published article is posted; older ones are not),
 * or when it has a post to edit or delete.
 */
export function telegramFollowUp(jobs: Pick<JobQueue, 'enqueue'>) {
  return async (
    trx: Transaction<Database>,
    change: { articleId: string; wasPublic: boolean; isPublic: boolean },
  ): Promise<void> => {
    const { articleId } = change;
    const newlyPublic = change.isPublic && !change.wasPublic;
    const posted =
      !newlyPublic &&
      (await trx
        .selectFrom('telegram_posts')
        .select('article_id')
        .where('article_id', '=', articleId)
        .executeTakeFirst());
    if (newlyPublic || posted) {
      await jobs.enqueue(TELEGRAM_SYNC_TASK, { articleId }, { trx, key: telegramJobKey(articleId) });
    }
  };
}
