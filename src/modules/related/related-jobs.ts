import { z } from 'zod';
import type { AnyJobDefinition } from '../../adapters/jobs/index.ts';
import type { SearchDb } from '../search/index.ts';
import {
  computeRelated,
  DEFAULT_RELATED_LIMIT,
  forgetArticle,
  listsContaining,
  storeRelated,
} from './compute-related.ts';

export const RELATED_COMPUTE_TASK = 'related.compute';
/** One pending refresh per article: a burst of saves of one article runs it once. */
export const relatedJobKey = (articleId: string) => `related:${articleId}`;
/** The articles most similar to a changed one whose lists are refreshed with it. */
export const NEIGHBOURS_TO_REFRESH = 10;
/** At most this many lists that contain a changed article are recomputed; the rest filter at read time. */
export const HOLDERS_TO_REFRESH = 20;

const payload = z.object({ articleId: z.string().min(1).max(200) }).strict();

export interface RelatedJobDeps {
  db: SearchDb;
  /** Called with the articles whose stored list changed (to invalidate their cached pages). */
  onChanged?: (articleIds: string[]) => Promise<void> | void;
}

/**
 * Bring the lists around one article up to date, whatever happened to it (saved, published,
 * unpublished, deleted): its own list; the
 * lists of its closest neighbours (so a new story shows up in older stories' "Read more"); and
 * the lists that already contain it (an unpublished article is replaced there, an edited one
 * rescored). Bounded: at most 1 + NEIGHBOURS_TO_REFRESH + HOLDERS_TO_REFRESH computations.
 * Idempotent: running it again stores the same lists. Returns the articles whose list changed
 * and all whose list was recomputed.
 */
export async function refreshRelated(
  db: SearchDb,
  articleId: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ changed: string[]; touched: string[] }> {
  const holders = await listsContaining(db, articleId, HOLDERS_TO_REFRESH);
  const exists = await db.kysely
    .selectFrom('articles')
    .select('id')
    .where('id', '=', articleId)
    .executeTakeFirst();
  const top = await computeRelated(db, articleId, {
    limit: Math.max(DEFAULT_RELATED_LIMIT, NEIGHBOURS_TO_REFRESH),
  });
  const changed: string[] = [];
  if (await storeRelated(db, articleId, top.slice(0, DEFAULT_RELATED_LIMIT))) changed.push(articleId);
  const others = [...new Set([...top.map((r) => r.id), ...holders])].filter((id) => id !== articleId).sort();
  for (const id of others) {
    if (options.signal?.aborted) throw new Error('related.compute interrupted; it will run again');
    if (await storeRelated(db, id, await computeRelated(db, id))) changed.push(id);
  }
  // A deleted article leaves its rows in other lists (readers never see them: reads join
  // `articles`); the lists recomputed above no longer hold it, and the rest let it go here.
  if (!exists) await forgetArticle(db, articleId);
  return { changed, touched: [articleId, ...others] };
}

export function relatedJobs(deps: RelatedJobDeps): AnyJobDefinition[] {
  return [
    {
      name: RELATED_COMPUTE_TASK,
      payload,
      maxAttempts: 5,
      async handler(input: z.infer<typeof payload>, ctx) {
        const { changed, touched } = await refreshRelated(deps.db, input.articleId, { signal: ctx.signal });
        // A failed earlier attempt may have stored changes it never reported: report all it touched.
        const report = ctx.attempt > 1 ? touched : changed;
        if (report.length > 0) await deps.onChanged?.(report);
      },
    } as AnyJobDefinition,
  ];
}
