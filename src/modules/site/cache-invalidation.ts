import type { Services } from '../../container.ts';
import { deps, type PageCache } from './page-cache.ts';

// Rendered pages stay in memory until something they show changes. Every page names its
// dependencies: "article:<id>" for each article it shows, "listings" if it lists articles at all.

/** Drop exactly the pages an article change can affect. Runs after the change is committed. */
export function invalidateOnArticleEvents(
  services: Pick<Services, 'events' | 'articles'>,
  cache: PageCache,
): void {
  services.events.on(async (event) => {
    cache.invalidate(deps.article(event.articleId));
    if (event.type === 'article.saved') {
      // A draft being edited changes no public listing; a published article's edit may move it
      // between tags, authors or languages, so every listing is rebuilt.
      const article = await services.articles.get(event.articleId).catch(() => undefined);
      if (article && article.status !== 'published') return;
    }
    cache.invalidate(deps.listings);
  });
}

/**
 * Settings (name, accent colour, logo, descriptions) show on every page. The store replaces its
 * object on every change, so comparing identities on each request is free and exact.
 */
export function settingsWatcher(services: Pick<Services, 'settings'>, cache: PageCache): () => void {
  let seen = services.settings.get();
  return () => {
    const current = services.settings.get();
    if (current !== seen) {
      seen = current;
      cache.clear();
    }
  };
}
