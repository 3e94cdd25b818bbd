import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { visibleToReaders } from '../../domain/reader-visibility.ts';
import type { CompiledSearch, IndexedDocument, SearchResult } from './search-types.ts';

// PostgreSQL: the same stemmed terms as on SQLite, stored as a tsvector built with the `simple`
// configuration (lowercase, no stemming, no stop words), so it keeps exactly what the application
// produced. The title is weight A, the body weight B; ts_rank_cd weighs them 1.0 and 0.1, the same
// ten to one as bm25 on SQLite.

// Weights for D, C, B, A; normalization 1 divides by 1 + log(document length), like bm25 does.
const RANK = sql<number>`ts_rank_cd('{0.1, 0.1, 0.1, 1.0}'::float4[], article_search.document, query, 1)`;

/** A single atomic upsert: concurrent re-indexing of one article cannot collide on the key. */
export async function postgresIndex(db: Kysely<Database>, doc: IndexedDocument): Promise<void> {
  await sql`
    INSERT INTO article_search (article_id, language, document)
    VALUES (
      ${doc.id},
      ${doc.language},
      setweight(to_tsvector('simple'::regconfig, ${doc.title}::text), 'A')
        || setweight(to_tsvector('simple'::regconfig, ${doc.body}::text), 'B')
    )
    ON CONFLICT (article_id) DO UPDATE SET language = excluded.language, document = excluded.document`.execute(
    db,
  );
}

export async function postgresRemove(db: Kysely<Database>, id: string): Promise<void> {
  await sql`DELETE FROM article_search WHERE article_id = ${id}`.execute(db);
}

export async function postgresSearch(db: Kysely<Database>, page: CompiledSearch): Promise<SearchResult> {
  // The expression is data bound as a parameter, built by search-query.ts from letters and digits.
  const from = sql`
    FROM article_search
    JOIN articles a ON a.id = article_search.article_id
    CROSS JOIN to_tsquery('simple'::regconfig, ${page.expression}::text) AS query
    WHERE article_search.document @@ query AND ${visibleToReaders('a')}${
      page.language === undefined ? sql`` : sql` AND a.language = ${page.language}`
    }`;
  const count = await sql<{ total: string | number }>`SELECT count(*) AS total ${from}`.execute(db);
  const total = Number(count.rows[0]?.total ?? 0);
  if (total === 0 || page.offset >= total) return { total, hits: [] };
  const { rows } = await sql<{ id: string; score: number | string }>`
    SELECT article_search.article_id AS id, ${RANK} AS score ${from}
    ORDER BY score DESC, a.published_at DESC NULLS LAST, a.id
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return { total, hits: rows.map((r) => ({ id: r.id, rank: Number(r.score) })) };
}
