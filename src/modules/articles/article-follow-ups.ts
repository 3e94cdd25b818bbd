import type { Transaction } from 'kysely';
import type { JobQueue, KeyedJob } from '../../adapters/jobs/index.ts';
import type { Database } from '../../db/schema.ts';
import { RELATED_COMPUTE_TASK, relatedJobKey } from '../related/index.ts';
import { SEARCH_INDEX_TASK, searchIndexJobKey } from '../search/index.ts';
import type { ArticleChange, ArticleChangeRecorder } from './article-changes.ts';
import { PUBLISH_DUE_TASK, publishJobKey } from './article-jobs.ts';

// What follows an article change, decided here and nowhere else:
//  - durable follow-ups, as keyed jobs enqueued in the transaction that makes the change, so
//    they exist if and only if the change committed, survive a process that dies right after
//    the commit, and each retries on its own (one failing never skips another):
//      search.index-article   make the search index match the article (removes a deleted one)
//      related.compute        recompute Read more around it (and let a deleted one go)
//      articles.publish-due   at published_at while it is scheduled; cancelled otherwise
//      (configured)           `publicChangeJobs` when readers could see the article before or
//                             after (the static mirror's export, one pending job per key)
//  - in-process reactions after commit (dropping cached pages), each on its own: a subscriber
//    that throws is logged and the next one still runs; the saved article is never an error.

/** Where follow-ups report what they cannot throw to anyone. */
export type FollowUpLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** A reaction to a committed change; runs in this process only, so it must be cheap and safe to miss. */
export type ArticleChangeSubscriber = (change: ArticleChange) => void | Promise<void>;

/** A durable follow-up of one change; `many`, when given, does the same for a batch of them. */
export type DurableFollowUp = ((trx: Transaction<Database>, change: ArticleChange) => Promise<void>) & {
  many?: (trx: Transaction<Database>, changes: readonly ArticleChange[]) => Promise<void>;
};

export interface ArticleFollowUpDeps {
  /** The job queue: enqueues and cancels inside the change's transaction (`{ trx }`). */
  jobs: Pick<JobQueue, 'enqueue' | 'cancel'> & Partial<Pick<JobQueue, 'enqueueMany' | 'cancelMany'>>;
  log: FollowUpLog;
  /**
   * More durable follow-ups, added by the composition root (posting to Telegram): each runs in
   * the change's transaction, after the ones above, and usually enqueues a keyed job.
   */
  durable?: DurableFollowUp[];
  /** Keyed jobs (payload `{}`) for every change readers could see: the composition root's choice. */
  publicChangeJobs?: ReadonlyArray<{ task: string; key: string }>;
}

export interface ArticleFollowUps extends ArticleChangeRecorder {
  /** Run `subscriber` after every committed article change (the composition root subscribes). */
  subscribe(subscriber: ArticleChangeSubscriber): void;
}

export function createArticleFollowUps(deps: ArticleFollowUpDeps): ArticleFollowUps {
  const subscribers: ArticleChangeSubscriber[] = [];
  const { jobs, log } = deps;

  const report = (change: ArticleChange) => (error: unknown) =>
    log('error', 'a reaction to an article change failed; the change is saved', {
      articleId: change.articleId,
      kind: change.kind,
      error: error instanceof Error ? error.message : String(error),
    });

  return {
    async inTransaction(trx: Transaction<Database>, change: ArticleChange): Promise<void> {
      const { articleId } = change;
      // The index holds text, not status: a status change leaves it as it is.
      if (change.kind !== 'status') {
        await jobs.enqueue(SEARCH_INDEX_TASK, { articleId }, { trx, key: searchIndexJobKey(articleId) });
      }
      await jobs.enqueue(RELATED_COMPUTE_TASK, { articleId }, { trx, key: relatedJobKey(articleId) });
      await keepPublicationSchedule(trx, articleId);
      for (const followUp of deps.durable ?? []) await followUp(trx, change);
      if (change.wasPublic || change.isPublic) {
        for (const job of deps.publicChangeJobs ?? [])
          await jobs.enqueue(job.task, {}, { trx, key: job.key });
      }
    },

    // The same follow-ups for a batch of changes (an import), in a few statements: the keyed jobs
    // of all the articles enqueued together, their schedules read in one query.
    async inTransactionMany(trx: Transaction<Database>, changes: readonly ArticleChange[]): Promise<void> {
      const { enqueueMany, cancelMany } = jobs;
      if (!enqueueMany || !cancelMany) {
        for (const change of changes) await this.inTransaction(trx, change);
        return;
      }
      if (changes.length === 0) return;
      const ids = [...new Set(changes.map((c) => c.articleId))];
      const keyed: KeyedJob[] = [];
      for (const change of changes) {
        const { articleId } = change;
        if (change.kind !== 'status')
          keyed.push({ task: SEARCH_INDEX_TASK, payload: { articleId }, key: searchIndexJobKey(articleId) });
        keyed.push({ task: RELATED_COMPUTE_TASK, payload: { articleId }, key: relatedJobKey(articleId) });
      }
      const schedule = new Map<string, { status: string; published_at: string | null }>();
      for (let first = 0; first < ids.length; first += 500) {
        const rows = await trx
          .selectFrom('articles')
          .select(['id', 'status', 'published_at'])
          .where('id', 'in', ids.slice(first, first + 500))
          .execute();
        for (const row of rows) schedule.set(row.id, row);
      }
      const unscheduled: string[] = [];
      for (const id of ids) {
        const row = schedule.get(id);
        if (row?.status === 'scheduled' && row.published_at)
          keyed.push({
            task: PUBLISH_DUE_TASK,
            payload: {},
            key: publishJobKey(id),
            runAt: new Date(row.published_at),
          });
        else unscheduled.push(id);
      }
      await enqueueMany.call(jobs, keyed, { trx });
      await cancelMany.call(jobs, unscheduled.map(publishJobKey), { trx });
      for (const followUp of deps.durable ?? []) {
        if (followUp.many) await followUp.many(trx, changes);
        else for (const change of changes) await followUp(trx, change);
      }
      // Keyed with an empty payload: one of each for the whole batch is what every change would leave.
      if (changes.some((c) => c.wasPublic || c.isPublic)) {
        for (const job of deps.publicChangeJobs ?? [])
          await jobs.enqueue(job.task, {}, { trx, key: job.key });
      }
    },

    // Awaited, so the answer to the request that made the change goes out after its cached pages
    // are dropped (the next request sees the change); a failure is logged, never thrown.
    async afterCommit(change: ArticleChange): Promise<void> {
      for (const subscriber of subscribers) {
        try {
          await subscriber(change);
        } catch (error) {
          report(change)(error);
        }
      }
    },

    subscribe(subscriber) {
      subscribers.push(subscriber);
    },
  };

  /**
   * A scheduled article has one pending publish job at its time (a new time replaces it); any
   * other state, deletion included, has none. Read from the row as this transaction leaves it.
   */
  async function keepPublicationSchedule(trx: Transaction<Database>, articleId: string): Promise<void> {
    const row = await trx
      .selectFrom('articles')
      .select(['status', 'published_at'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    const key = publishJobKey(articleId);
    if (row?.status === 'scheduled' && row.published_at) {
      await jobs.enqueue(PUBLISH_DUE_TASK, {}, { trx, key, runAt: new Date(row.published_at) });
    } else {
      await jobs.cancel(key, { trx });
    }
  }
}
