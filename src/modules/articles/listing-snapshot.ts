// Listings read whole, for a reader of every page of every listing (the static mirror). A page
// read with an offset walks the listing up to it, and counting it walks it all, so reading the
// 2,500 pages of a 50,000-article listing that way walks it millions of rows deep. Here each
// listing's ids are read once, in listArticles' order, and every page is a slice of them: the
// same articles, the same total, one query per listing. Only ids are kept (a few bytes each),
// the least recently read listings dropped past `maxIds`. What it returns is what the database
// held when each listing was first read: meant for one export, then thrown away.
import type { Db } from '../../db/connect.ts';
import type { ArticleFilter } from './article-repository.ts';
import type { ArticleListQuery, ArticlePage } from './article.types.ts';
import { articlesInOrder, DEFAULT_PAGE_SIZE, listArticleIds, listArticles } from './list-articles.ts';

export interface ListingSnapshot {
  /** listArticles, answered from the listing's ids once they are read. */
  list(query: ArticleListQuery, fixed?: ArticleFilter, options?: { count?: boolean }): Promise<ArticlePage>;
}

/** A stable key for a listing: its filter without the page, object keys sorted. */
function keyOf(query: ArticleListQuery, fixed: ArticleFilter): string {
  const { page: _page, limit: _limit, ...rest } = query;
  const sorted = (o: object) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([sorted(rest), sorted(fixed)]);
}

export function createListingSnapshot(db: Db, options: { maxIds?: number } = {}): ListingSnapshot {
  const maxIds = options.maxIds ?? 1_500_000;
  // Insertion order is recency: a listing read again moves to the end.
  const lists = new Map<string, Promise<string[]>>();
  const sizes = new Map<string, number>();
  let held = 0;

  const idsOf = (key: string, query: ArticleListQuery, fixed: ArticleFilter): Promise<string[]> => {
    const known = lists.get(key);
    if (known) {
      lists.delete(key);
      lists.set(key, known);
      return known;
    }
    const read = listArticleIds(db, query, fixed).then((ids) => {
      sizes.set(key, ids.length);
      held += ids.length;
      for (const [old] of lists) {
        if (held <= maxIds || old === key) break;
        held -= sizes.get(old) ?? 0;
        sizes.delete(old);
        lists.delete(old);
      }
      return ids;
    });
    read.catch(() => lists.delete(key));
    lists.set(key, read);
    return read;
  };

  return {
    async list(query, fixed = {}, opts = {}) {
      // The newsroom's own queries (a title search, a status) are not listings readers page through.
      if (!fixed.readerVisible || query.q !== undefined || fixed.ids || fixed.titleContains) {
        return listArticles(db, query, fixed, opts);
      }
      const page = query.page ?? 1;
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const ids = await idsOf(keyOf(query, fixed), query, fixed);
      const offset = (page - 1) * limit;
      const slice = ids.slice(offset, offset + limit);
      const items = await articlesInOrder(db, slice);
      return {
        items,
        // As listArticles: without counting, the total is only what this page reaches.
        total: opts.count === false ? offset + items.length : ids.length,
        page,
        limit,
      };
    },
  };
}
