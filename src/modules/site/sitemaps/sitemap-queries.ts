import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { visibleToReaders } from '../../articles/index.ts';
import { toCount } from '../../../lib/count.ts';

// Sitemaps list every published article, so these queries read only the few columns they need
// and never hydrate articles. Articles are ordered by publication time, oldest first, so a
// child sitemap's contents stay put as new articles arrive at the end.

type Q = Kysely<Database>;

export interface ArticleChunk {
  /** 1-based child sitemap number. */
  page: number;
  count: number;
  /** Newest updated_at in the chunk. */
  lastmod: string;
}

function assertPageSize(pageSize: number): void {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1)
    throw new RangeError('pageSize must be a positive integer');
}

/** One row per child sitemap of published articles: one pass over the published rows. */
export async function articleChunks(db: Q, pageSize: number): Promise<ArticleChunk[]> {
  assertPageSize(pageSize);
  const ranked = db
    .selectFrom('articles')
    .where(visibleToReaders('articles'))
    .select((eb) => [
      'updated_at',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.orderBy('published_at').orderBy('id'))
        .as('rn'),
    ]);
  // A literal (checked above) so PostgreSQL sees the same expression in SELECT and GROUP BY.
  const chunk = sql<number>`(rn - 1) / ${sql.lit(pageSize)}`;
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select((eb) => [chunk.as('chunk'), eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('lastmod')])
    .groupBy(chunk)
    .orderBy(chunk)
    .execute();
  return rows.map((r) => ({ page: toCount(r.chunk) + 1, count: toCount(r.n), lastmod: String(r.lastmod) }));
}

/** The published articles of child sitemap `page` (1-based). */
export async function articlePage(db: Q, page: number, pageSize: number) {
  assertPageSize(pageSize);
  return db
    .selectFrom('articles')
    .select(['slug', 'updated_at'])
    .where(visibleToReaders('articles'))
    .orderBy('published_at')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

/** Published since `since` (ISO), newest first. */
export async function recentArticles(db: Q, since: string, limit: number) {
  return db
    .selectFrom('articles')
    .select(['slug', 'title', 'language', 'published_at'])
    .where(visibleToReaders('articles'))
    .where('published_at', '>=', since)
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Tags and authors with at least one published article (an empty listing is not worth crawling).
 * EXISTS stops at the first published article; a per-tag max(updated_at) would read every one.
 */
export async function listedTaxonomies(db: Q) {
  const [tags, authors] = await Promise.all([
    db
      .selectFrom('tags as t')
      .select(['t.id', 't.slug', 't.is_section'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_tags as at')
            .innerJoin('articles as a', 'a.id', 'at.article_id')
            .select('a.id')
            .whereRef('at.tag_id', '=', 't.id')
            .where(visibleToReaders('a')),
        ),
      )
      .orderBy('t.is_section', 'desc')
      .orderBy('t.slug')
      .execute(),
    db
      .selectFrom('authors as au')
      .select(['au.id', 'au.slug'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_authors as aa')
            .innerJoin('articles as a', 'a.id', 'aa.article_id')
            .select('a.id')
            .whereRef('aa.author_id', '=', 'au.id')
            .where(visibleToReaders('a')),
        ),
      )
      .orderBy('au.slug')
      .execute(),
  ]);
  return { tags, authors };
}

/** When the newest published article went out (read from the status/published_at index). */
export async function latestPublication(db: Q): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.max('published_at').as('latest'))
    .where(visibleToReaders('articles'))
    .executeTakeFirst();
  return row?.latest ? String(row.latest) : null;
}

/** Where a published article sits in the article sitemaps' order (published_at, then id). */
export interface ArticleSitemapKey {
  id: string;
  publishedAt: string;
}

/** Every published article's key, or those of `ids` that are published now. */
export async function articleSitemapKeys(db: Q, ids?: string[]): Promise<ArticleSitemapKey[]> {
  if (ids?.length === 0) return [];
  let query = db
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where(visibleToReaders('articles'))
    .where('published_at', 'is not', null);
  if (ids) query = query.where('id', 'in', ids);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, publishedAt: isoOf(r.published_at!) }));
}

/**
 * How many published articles were published before `publishedAt`: the place in the article
 * sitemaps' order (published_at, then id) before which nothing moves when an article at
 * `publishedAt` or later is added, changed or withdrawn. A time read back from PostgreSQL to the
 * millisecond may be a little early: the count is then a little low, never high.
 */
export async function articlesBefore(db: Q, publishedAt: string): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(visibleToReaders('articles'))
    .where('published_at', '<', publishedAt)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

const isoOf = (value: string | Date) => (value instanceof Date ? value.toISOString() : String(value));
