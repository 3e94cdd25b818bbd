import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ArticleChange, ArticleChangeRecorder } from './article-changes.ts';
import type { ArticleEvent, ArticleEvents } from './article-events.ts';

/**
 * TEMPORARY (until the durable recorder from the follow-ups work lands): an ArticleChangeRecorder
 * that hands each committed change to the old in-process ArticleEvents listeners, in their event
 * shape. A failing listener is logged and never reaches the operation that made the change.
 */
export function articleEventsRecorder(
  events: ArticleEvents,
  log: (level: 'error', message: string, fields?: Record<string, unknown>) => void,
): ArticleChangeRecorder {
  // The Read more lists that held a deleted article, read before its rows cascade away: the old
  // 'article.deleted' event names them so their lists are recomputed.
  const holdersOfDeleted = new Map<string, string[]>();
  return {
    async inTransaction(trx: Transaction<Database>, change: ArticleChange) {
      if (change.kind !== 'deleted') return;
      const rows = await trx
        .selectFrom('related_articles')
        .select('article_id')
        .where('related_id', '=', change.articleId)
        .execute();
      holdersOfDeleted.set(
        change.articleId,
        rows.map((r) => r.article_id),
      );
    },
    afterCommit(change: ArticleChange) {
      const event: ArticleEvent =
        change.kind === 'deleted'
          ? {
              type: 'article.deleted',
              articleId: change.articleId,
              slug: change.slug,
              relatedHolders: holdersOfDeleted.get(change.articleId) ?? [],
            }
          : change.kind === 'status'
            ? // No listener reads `status`; it says only whether readers now see the article.
              {
                type: 'article.status',
                articleId: change.articleId,
                slug: change.slug,
                status: change.isPublic ? 'published' : 'not public',
              }
            : {
                type: 'article.saved',
                articleId: change.articleId,
                slug: change.slug,
                ...(change.previousSlug ? { previousSlug: change.previousSlug } : {}),
              };
      holdersOfDeleted.delete(change.articleId);
      return events.emit(event).catch((err: unknown) =>
        log('error', 'an article follow-up failed', {
          articleId: change.articleId,
          error: err instanceof Error ? err.message : String(err),
        }),
      );
    },
  };
}
