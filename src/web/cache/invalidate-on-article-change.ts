import type { ArticleChange } from '../../modules/articles/index.ts';
import { cacheTags } from './cache-tags.ts';

/**
 * The cache tags an article change makes stale. Its own tag always (its page, cards and Read
 * more that show it, even a draft's preview state), and the tag of every other article whose page
 * it affects (the other versions of its translation group, whose hreflang links and language
 * switcher list it). The listings only when readers could see it before or after: a draft being
 * edited changes no public listing, while a live article's edit may move it between tags, authors
 * or languages, and publishing, withdrawing or deleting changes what every listing shows.
 */
export function cacheTagsForArticleChange(change: ArticleChange): string[] {
  const tags = [change.articleId, ...change.alsoAffects].map(cacheTags.article);
  if (change.wasPublic || change.isPublic) tags.push(cacheTags.listings);
  return tags;
}

/**
 * The one subscription that keeps cached responses true to articles: subscribe it once, where
 * changes are reported after commit. `drop` invalidates the tags here and tells other processes.
 */
export function invalidateOnArticleChange(drop: (tags: string[]) => void): (change: ArticleChange) => void {
  return (change) => drop(cacheTagsForArticleChange(change));
}
