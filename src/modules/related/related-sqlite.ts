import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { visibleToReaders } from '../../domain/reader-visibility.ts';
import type { RelatedIndex } from './related-index.ts';
import { indexedTerms, termVector, TITLE_WEIGHT, type TermVector } from './related-score.ts';

// SQLite: the FTS5 table keeps its content (the stemmed title and body), so term vectors are read
// back from it. Exact document frequencies come from the fts5vocab table over the same index
// (migration 2026-11-27T1100-related): cheap for a rare term, but for a common one it walks a
// doclist as long as the archive, hence the sampled statistics (term-stats.ts). Rows are found
// by the rowid kept in article_search_rowids.

const CHUNK = 500;
// bm25 takes one weight per column: article_id, language, title, body.
const RANK = sql.raw(`bm25(article_search, 0.0, 0.0, ${TITLE_WEIGHT}.0, 1.0)`);

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An FTS5 expression matching any of the terms (index terms are letters and digits only). */
export function fts5AnyOf(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}

async function contents(db: Kysely<Database>, rowids: readonly number[]) {
  const { rows } = await sql<{ title: string | null; body: string | null }>`
    SELECT title, body FROM article_search WHERE rowid IN (${sql.join(rowids)})`.execute(db);
  return rows;
}

export const sqliteRelatedIndex: RelatedIndex = {
  async vectors(db, ids) {
    const out = new Map<string, TermVector>();
    for (const part of chunks(ids)) {
      const { rows } = await sql<{ id: string; title: string | null; body: string | null }>`
        SELECT r.article_id AS id, s.title, s.body
        FROM article_search_rowids r JOIN article_search s ON s.rowid = r.search_rowid
        WHERE r.article_id IN (${sql.join(part)})`.execute(db);
      for (const r of rows) out.set(r.id, termVector(indexedTerms(r.title), indexedTerms(r.body)));
    }
    return out;
  },

  async candidates(db, query, source, limit) {
    if (query.length === 0) return [];
    const { rows } = await sql<{ id: string; status: string; published_at: string | null }>`
      SELECT a.id, a.status, a.published_at
      FROM article_search
      JOIN article_search_rowids r ON r.search_rowid = article_search.rowid
      JOIN articles a ON a.id = r.article_id
      WHERE article_search MATCH ${fts5AnyOf(query.map((q) => q.term))}
        AND ${visibleToReaders('a')} AND a.language = ${source.language} AND a.id <> ${source.id}
      ORDER BY ${RANK}, a.id
      LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({ id: r.id, status: r.status, publishedAt: r.published_at }));
  },

  async exactFrequencies(db, terms) {
    const out = new Map<string, number>();
    for (const part of chunks(terms)) {
      const { rows } = await sql<{ term: string; doc: number }>`
        SELECT term, doc FROM article_search_vocab WHERE term IN (${sql.join(part)})`.execute(db);
      for (const r of rows) out.set(r.term, Number(r.doc));
    }
    for (const t of terms) if (!out.has(t)) out.set(t, 0);
    return out;
  },

  async countDocuments(db) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM article_search_rowids`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  async sampleFrequencies(db, _documents, size) {
    // Every k-th document in rowid (that is, indexing) order: spread over the years, and the same
    // sample for the same index. Read in chunks, so other queries on the connection interleave.
    const { rows } = await sql<{ id: number }>`
      SELECT search_rowid AS id FROM article_search_rowids ORDER BY search_rowid`.execute(db);
    const step = Math.max(1, rows.length / size);
    const picked: number[] = [];
    for (let i = 0; i < rows.length; i += step) picked.push(rows[Math.floor(i)]!.id);
    const counts = new Map<string, number>();
    let sampled = 0;
    for (const part of chunks(picked)) {
      for (const doc of await contents(db, part)) {
        sampled++;
        for (const t of new Set([...indexedTerms(doc.title), ...indexedTerms(doc.body)])) {
          counts.set(t, (counts.get(t) ?? 0) + 1);
        }
      }
    }
    const kept = [...counts].filter(([, df]) => df >= 2);
    return {
      sampled,
      async write(trx) {
        await sql`DELETE FROM related_term_stats`.execute(trx);
        for (const part of chunks(kept, 400)) {
          await sql`INSERT INTO related_term_stats (term, sample_df) VALUES ${sql.join(
            part.map(([term, df]) => sql`(${term}, ${df})`),
          )}`.execute(trx);
        }
      },
    };
  },
};
