import type { ArticleChange } from './article-changes.ts';

// Transitional: the site's cache listeners (site/cache-invalidation.ts, feeds, sitemaps) still
// subscribe to these events. The composition root forwards every committed ArticleChange here;
// once those listeners subscribe to the after-commit changes directly, this file goes.

/** What happened to an article, after it was committed. */
export type ArticleEvent =
  | { type: 'article.saved'; articleId: string; slug: string; previousSlug?: string }
  | { type: 'article.status'; articleId: string; slug: string; status: string }
  | { type: 'article.deleted'; articleId: string; slug: string };

export type ArticleListener = (event: ArticleEvent) => Promise<void> | void;

/** The event an after-commit change is announced as. */
export function articleEventOf(change: ArticleChange): ArticleEvent {
  const { articleId, slug } = change;
  if (change.kind === 'deleted') return { type: 'article.deleted', articleId, slug };
  if (change.kind === 'status') {
    return { type: 'article.status', articleId, slug, status: change.isPublic ? 'published' : 'unpublished' };
  }
  return {
    type: 'article.saved',
    articleId,
    slug,
    ...(change.previousSlug ? { previousSlug: change.previousSlug } : {}),
  };
}

export function createArticleEvents() {
  const listeners: ArticleListener[] = [];
  return {
    on(listener: ArticleListener): void {
      listeners.push(listener);
    },
    /** Every listener runs, whatever the others do; the first failure is rethrown at the end. */
    async emit(event: ArticleEvent): Promise<void> {
      const results = await Promise.allSettled(listeners.map(async (listener) => listener(event)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

export type ArticleEvents = ReturnType<typeof createArticleEvents>;
