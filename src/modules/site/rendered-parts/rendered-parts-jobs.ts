import type { Transaction } from 'kysely';
import { z } from 'zod';
import { defineJob, type AnyJobDefinition, type JobQueue } from '../../../adapters/jobs/index.ts';
import type { Database } from '../../../db/schema.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Article } from '../../articles/index.ts';
import { allMediaIds, loadMedia } from '../site-media.ts';
import type { SiteServices } from '../site-services.ts';
import type { RenderedParts } from './rendered-parts-store.ts';

// Stored page parts follow the article: a keyed job, enqueued in the transaction that saves it,
// renders them again (or forgets them when the article is gone); after an upgrade that changes
// the renderer, one job re-renders every article whose parts another renderer made, in batches,
// enqueueing itself again until none is left. Both are idempotent: running twice stores the same.

export const RENDER_PARTS_TASK = 'site.render-article-parts';
export const RERENDER_STALE_PARTS_TASK = 'site.rerender-stale-parts';
export const renderPartsJobKey = (articleId: string) => `render-parts:${articleId}`;
export const RERENDER_STALE_PARTS_KEY = 'rerender-stale-parts';
const BATCH = 100;

export interface RenderedPartsJobDeps {
  parts: () => RenderedParts;
  articles: () => { get(id: string): Promise<Article> };
  media: () => Pick<SiteServices, 'media'>;
  jobs: () => Pick<JobQueue, 'enqueue'>;
}

async function renderOne(deps: RenderedPartsJobDeps, articleId: string): Promise<void> {
  let article: Article;
  try {
    article = await deps.articles().get(articleId);
  } catch (error) {
    if (error instanceof NotFoundError) return deps.parts().forget(articleId);
    throw error;
  }
  await deps.parts().store(article, await loadMedia(deps.media(), allMediaIds(article)));
}

export function renderedPartsJobs(deps: RenderedPartsJobDeps): AnyJobDefinition[] {
  return [
    defineJob({
      name: RENDER_PARTS_TASK,
      payload: z.object({ articleId: z.string().min(1) }).strict(),
      handler: ({ articleId }) => renderOne(deps, articleId),
    }) as AnyJobDefinition,
    defineJob({
      name: RERENDER_STALE_PARTS_TASK,
      payload: z.object({}).strict(),
      async handler(_payload, ctx) {
        const ids = await deps.parts().staleIds(BATCH);
        for (const id of ids) {
          if (ctx.signal.aborted) throw new Error('stopping: the rest runs again');
          await renderOne(deps, id);
        }
        // A full batch may have more behind it: the next batch is a job of its own.
        if (ids.length === BATCH) {
          await deps.jobs().enqueue(RERENDER_STALE_PARTS_TASK, {}, { key: RERENDER_STALE_PARTS_KEY });
        }
      },
    }) as AnyJobDefinition,
  ];
}

/** The durable follow-up of every article change: its parts are rendered again after commit. */
export function renderPartsFollowUp(
  jobs: Pick<JobQueue, 'enqueue'> & Partial<Pick<JobQueue, 'enqueueMany'>>,
) {
  const one = async (trx: Transaction<Database>, change: { articleId: string }): Promise<void> => {
    await jobs.enqueue(
      RENDER_PARTS_TASK,
      { articleId: change.articleId },
      { trx, key: renderPartsJobKey(change.articleId) },
    );
  };
  /** For a batch of changes (an import): the jobs of all of them in a few statements. */
  const many = async (
    trx: Transaction<Database>,
    changes: ReadonlyArray<{ articleId: string }>,
  ): Promise<void> => {
    if (!jobs.enqueueMany) {
      for (const change of changes) await one(trx, change);
      return;
    }
    await jobs.enqueueMany(
      changes.map((c) => ({
        task: RENDER_PARTS_TASK,
        payload: { articleId: c.articleId },
        key: renderPartsJobKey(c.articleId),
      })),
      { trx },
    );
  };
  return Object.assign(one, { many });
}

/** After an upgrade (or on any start): re-render what another renderer made, in the background. */
export function enqueueStaleParts(jobs: Pick<JobQueue, 'enqueue'>): Promise<void> {
  return jobs.enqueue(RERENDER_STALE_PARTS_TASK, {}, { key: RERENDER_STALE_PARTS_KEY });
}
