import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { visibleToReaders } from '../../domain/reader-visibility.ts';
import type { CompiledSearch, IndexedDocument, SearchResult } from './search-types.ts';

// SQLite: the stemmed terms go into FTS5's title and body columns; bm25 ranks with the title
// weighted ten times the body. Rows are addressed by the rowid kept in article_search_rowids
// (migration 2026-11-27T1000-search), never by scanning the UNINDEXED article_id column.

// bm25 takes one weight per column: article_id, language, title, body.
const RANK = sql<number>`-bm25(article_search, 0.0, 0.0, 10.0, 1.0)`;

/** Replace the article's row; the caller provides the transaction. */
export async function sqliteIndex(trx: Kysely<Database>, doc: IndexedDocument): Promise<void> {
  const { rows } = await sql<{ search_rowid: number }>`
    INSERT INTO article_search_rowids (article_id) VALUES (${doc.id})
    ON CONFLICT (article_id) DO UPDATE SET article_id = excluded.article_id
    RETURNING search_rowid`.execute(trx);
  const rowid = rows[0]?.search_rowid;
  if (rowid === undefined) throw new Error(`no search rowid for article "${doc.id}"`);
  await sql`DELETE FROM article_search WHERE rowid = ${rowid}`.execute(trx);
  await sql`
    INSERT INTO article_search (rowid, article_id, language, title, body)
    VALUES (${rowid}, ${doc.id}, ${doc.language}, ${doc.title}, ${doc.body})`.execute(trx);
}

export async function sqliteRemove(db: Kysely<Database>, id: string): Promise<void> {
  // The trigger on article_search_rowids deletes the FTS row.
  await sql`DELETE FROM article_search_rowids WHERE article_id = ${id}`.execute(db);
}

export async function sqliteSearch(db: Kysely<Database>, page: CompiledSearch): Promise<SearchResult> {
  // CROSS JOIN fixes the join order: matches first, then rowid → article id → the covering index
  // articles_search_filter. Left to itself the planner starts from every published article.
  const from = sql`
    FROM article_search
    CROSS JOIN article_search_rowids r ON r.search_rowid = article_search.rowid
    CROSS JOIN articles a ON a.id = r.article_id
    WHERE article_search MATCH ${page.expression} AND ${visibleToReaders('a')}${
      page.language === undefined ? sql`` : sql` AND a.language = ${page.language}`
    }`;
  const count = await sql<{ total: number }>`SELECT count(*) AS total ${from}`.execute(db);
  const total = Number(count.rows[0]?.total ?? 0);
  if (total === 0 || page.offset >= total) return { total, hits: [] };
  const { rows } = await sql<{ id: string; score: number }>`
    SELECT r.article_id AS id, ${RANK} AS score ${from}
    ORDER BY score DESC, a.published_at DESC NULLS LAST, a.id
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return { total, hits: rows.map((r) => ({ id: r.id, rank: Number(r.score) })) };
}
