import { sql, type RawBuilder, type SqlBool } from 'kysely';

// What a reader may see, stated once: an article that is published, and not dated in the future.
// Every reader-facing read (site pages, feeds, sitemaps, search, Read more, the Content API) asks
// through one of the forms below; the Admin API's `?status=` filter is the newsroom's own view
// and keeps filtering by the status it is given.
//
// The articles module owns this rule and exports it (src/modules/articles/index.ts). The file
// lives here, beside the domain errors, because search and related need it in their SQL and the
// articles module already depends on them (it enqueues their jobs): an import the other way would
// make a cycle between the modules.
//
// The date half never hides anything today: decidePublication refuses a published article dated
// in the future and the scheduler publishes at the due time, so status alone selects the same
// rows. It is stated anyway so the SQL agrees with the predicate, and it costs nothing: every
// index that serves these queries (articles_listing, articles_status_published,
// articles_search_filter) holds published_at after status, so listings still walk the listing
// index in order: on SQLite the home page's query plans as "SEARCH articles USING INDEX
// articles_listing (status=? AND published_at<?)" (status alone: "(status=?)"), with no sort step.

const PUBLISHED = 'published';

/** The row predicate: whether readers can see this article at `now`. */
export function isVisibleToReaders(
  article: { status: string; published_at: string | null },
  now: Date,
): boolean {
  return (
    article.status === PUBLISHED &&
    article.published_at !== null &&
    Date.parse(article.published_at) <= now.getTime()
  );
}

/** The same predicate for an article as the articles module hands it out (camelCase). */
export function isArticleVisibleToReaders(
  article: { status: string; publishedAt: string | null },
  now: Date = new Date(),
): boolean {
  return isVisibleToReaders({ status: article.status, published_at: article.publishedAt }, now);
}

/**
 * The condition in SQL, on the articles table as `table` names it in the query ('articles' or
 * an alias). One expression serves both a query builder, `.where(visibleToReaders('a'))`, and
 * hand-written SQL, `sql\`... WHERE ${visibleToReaders('a')}\``. Times are stored as ISO 8601
 * text in UTC, so the text comparison is the time comparison.
 */
export function visibleToReaders(table = 'articles', now: Date = new Date()): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.status`)} = ${PUBLISHED} and ${sql.ref(`${table}.published_at`)} <= ${now.toISOString()})`;
}
