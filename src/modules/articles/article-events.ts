/**
 * What happened to an article, for whoever keeps derived state: the search index, related
 * articles, the page cache, feeds. Listeners run after the change is committed.
 */
export type ArticleEvent =
  | { type: 'article.saved'; articleId: string; slug: string; previousSlug?: string }
  | { type: 'article.status'; articleId: string; slug: string; status: string }
  | {
      type: 'article.deleted';
      articleId: string;
      slug: string;
      /** Articles whose stored "Read more" listed it (those rows went with it). */
      relatedHolders: string[];
    };

export type ArticleListener = (event: ArticleEvent) => Promise<void> | void;

export function createArticleEvents() {
  const listeners: ArticleListener[] = [];
  return {
    on(listener: ArticleListener): void {
      listeners.push(listener);
    },
    async emit(event: ArticleEvent): Promise<void> {
      for (const listener of listeners) await listener(event);
    },
  };
}

export type ArticleEvents = ReturnType<typeof createArticleEvents>;
