import type { Db } from '../../db/connect.ts';
import {
  findArticleIdPage,
  findArticleIds,
  findArticleRow,
  findArticleRowsInOrder,
  findArticles,
  hydrate,
  type ArticleFilter,
} from './article-repository.ts';
import type { Article, ArticleListQuery, ArticlePage } from './article.types.ts';
import { loadArticle } from './article-operation.ts';

export const DEFAULT_PAGE_SIZE = 15;

/**
 * A page of articles. `fixed` narrows the query whatever it asks for (public listings pass
 * `readerVisible: true`). `options.count: false` skips counting all matches (then `total` is
 * only what this page reaches): for rails and fallbacks that show no page numbers.
 */
export async function listArticles(
  db: Db,
  query: ArticleListQuery,
  fixed: ArticleFilter = {},
  options: { count?: boolean } = {},
): Promise<ArticlePage> {
  const page = query.page ?? 1;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const filter = listFilter(query, fixed);
  const { rows, total } = await findArticles(db.kysely, filter, {
    limit,
    offset: (page - 1) * limit,
    ...options,
  });
  return { items: await hydrate(db.kysely, rows), total, page, limit };
}

/** The ids of the page listArticles would return, without reading or counting the articles. */
export function listArticleIdPage(
  db: Db,
  query: ArticleListQuery,
  fixed: ArticleFilter = {},
): Promise<string[]> {
  const page = query.page ?? 1;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return findArticleIdPage(db.kysely, listFilter(query, fixed), { limit, offset: (page - 1) * limit });
}

export function listFilter(query: ArticleListQuery, fixed: ArticleFilter = {}): ArticleFilter {
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.tag ? { tagSlug: query.tag } : {}),
    ...(query.section ? { sectionSlug: query.section } : {}),
    ...(query.q ? { titleContains: query.q } : {}),
    ...(query.author ? { authorSlug: query.author } : {}),
    ...(query.language ? { language: query.language } : {}),
    ...fixed,
  };
}

/** Every id listArticles would page through for this query (its page and limit ignored), in order. */
export function listArticleIds(
  db: Db,
  query: ArticleListQuery,
  fixed: ArticleFilter = {},
): Promise<string[]> {
  return findArticleIds(db.kysely, listFilter(query, fixed));
}

/** These articles, in the order of `ids`. */
export async function articlesInOrder(db: Db, ids: string[]): Promise<Article[]> {
  return hydrate(db.kysely, await findArticleRowsInOrder(db.kysely, ids));
}

/** Throws NotFoundError. */
export function getArticle(db: Db, id: string): Promise<Article> {
  return loadArticle(db.kysely, id);
}

export async function findArticleBySlug(db: Db, slug: string): Promise<Article | undefined> {
  const row = await findArticleRow(db.kysely, { slug });
  if (!row) return undefined;
  const [article] = await hydrate(db.kysely, [row]);
  return article;
}
