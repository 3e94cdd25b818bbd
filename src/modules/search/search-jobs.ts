import { z } from 'zod';
import { defineJob, type AnyJobDefinition } from '../../adapters/jobs/index.ts';
import { indexArticle, removeFromIndex, type SearchDb } from './search-index.ts';

/** Make the index match one article as it is now; queued by every change to the article. */
export const SEARCH_INDEX_TASK = 'search.index-article';

/** One pending indexing job per article: a burst of saves indexes it once. */
export const searchIndexJobKey = (articleId: string) => `search:${articleId}`;

const payload = z.object({ articleId: z.string().min(1).max(200) }).strict();

/**
 * Index the article as stored now, or forget it when it is gone. Reads the row rather than
 * trusting the payload, so a job that runs late, twice, or after a newer save leaves the index
 * matching the article (idempotent).
 */
export async function syncArticleIndex(db: SearchDb, articleId: string): Promise<'indexed' | 'removed'> {
  const row = await db.kysely
    .selectFrom('articles')
    .select(['id', 'language', 'title', 'standfirst', 'body_text'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) {
    await removeFromIndex(db, articleId);
    return 'removed';
  }
  await indexArticle(db, {
    id: row.id,
    language: row.language,
    title: row.title,
    standfirst: row.standfirst,
    bodyText: row.body_text,
  });
  return 'indexed';
}

/** The search module's jobs, for the composition root to give the queue. */
export function searchJobs(deps: { db: SearchDb }): AnyJobDefinition[] {
  return [
    defineJob({
      name: SEARCH_INDEX_TASK,
      payload,
      maxAttempts: 10,
      async handler({ articleId }) {
        await syncArticleIndex(deps.db, articleId);
      },
    }) as AnyJobDefinition,
  ];
}
