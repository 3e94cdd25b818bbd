import { sql } from 'kysely';
import { visibleToReaders } from '../../domain/reader-visibility.ts';
import type { RelatedIndex } from './related-index.ts';
import { TITLE_WEIGHT, type TermVector } from './related-score.ts';

// PostgreSQL: term vectors are read back from the tsvector (title terms carry weight A, body
// terms weight B: see modules/search/postgres-search.ts). Exact document frequencies are counted
// through the GIN index: cheap for a rare term, not for a common one, hence the sampled
// statistics (term-stats.ts), which ts_stat computes over a TABLESAMPLE of the index.

const OVERFETCH = 3;
const SAMPLE_SEED = 7;

const QUOTE = 39; // '
const COLON = 58;
const COMMA = 44;
const WEIGHT_A = 65;

/**
 * A tsvector's text form ('term':1A,5B 'other':2 ...) as a term vector: each position counts
 * once, a title (weight A) position TITLE_WEIGHT times, a lexeme without positions once. A hand
 * loop: this runs over a hundred documents per computation.
 */
export function vectorFromTsvector(text: string): TermVector {
  const counts = new Map<string, number>();
  let length = 0;
  let i = text.indexOf("'");
  while (i >= 0 && i < text.length) {
    // The lexeme, with '' standing for a quote inside it.
    let term = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf("'", from);
      if (q < 0) return { counts, length };
      if (text.charCodeAt(q + 1) === QUOTE) {
        term += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      term += text.slice(from, q);
      i = q + 1;
      break;
    }
    let count = 1;
    if (text.charCodeAt(i) === COLON) {
      let end = text.indexOf(' ', i);
      if (end < 0) end = text.length;
      for (let k = i + 1; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c === COMMA) count++;
        else if (c === WEIGHT_A) count += TITLE_WEIGHT - 1;
      }
      i = end;
    }
    counts.set(term, (counts.get(term) ?? 0) + count);
    length += count;
    i = text.indexOf("'", i);
  }
  return { counts, length };
}

export const postgresRelatedIndex: RelatedIndex = {
  async vectors(db, ids) {
    const out = new Map<string, TermVector>();
    if (ids.length === 0) return out;
    const { rows } = await sql<{ id: string; document: string }>`
      SELECT article_id AS id, document::text AS document
      FROM article_search WHERE article_id = ANY(${[...ids]}::text[])`.execute(db);
    for (const r of rows) out.set(r.id, vectorFromTsvector(r.document));
    return out;
  },

  async candidates(db, query, source, limit) {
    if (query.length === 0) return [];
    // Each matching document scores the summed weights of the query terms it contains: found
    // term by term through the GIN index, without reading (detoasting) a single tsvector, which
    // ts_rank over thousands of matches would. rankRelated rescores the survivors properly. The
    // status check comes after the cut, on a margin of OVERFETCH times the candidates needed.
    const { rows } = await sql<{ id: string; status: string; published_at: string | null }>`
      WITH matches AS (
        SELECT s.article_id, sum(t.weight) AS score
        FROM unnest(${query.map((q) => q.term)}::text[], ${query.map((q) => q.weight)}::float8[]) AS t(term, weight)
        JOIN article_search s ON s.document @@ to_tsquery('simple'::regconfig, quote_literal(t.term))
        WHERE s.language = ${source.language} AND s.article_id <> ${source.id}
        GROUP BY s.article_id
        ORDER BY score DESC, s.article_id
        LIMIT ${limit * OVERFETCH}
      )
      SELECT a.id, a.status, a.published_at
      FROM matches m JOIN articles a ON a.id = m.article_id
      WHERE ${visibleToReaders('a')} AND a.language = ${source.language}
      ORDER BY m.score DESC, a.id
      LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({ id: r.id, status: r.status, publishedAt: r.published_at }));
  },

  async exactFrequencies(db, terms) {
    const out = new Map<string, number>();
    if (terms.length === 0) return out;
    const { rows } = await sql<{ term: string; df: string }>`
      SELECT t.term, (
        SELECT count(*) FROM article_search s WHERE s.document @@ plainto_tsquery('simple'::regconfig, t.term)
      ) AS df
      FROM unnest(${[...terms]}::text[]) AS t(term)`.execute(db);
    for (const r of rows) out.set(r.term, Number(r.df));
    return out;
  },

  async countDocuments(db) {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM article_search`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  async sampleFrequencies(db, documents, size) {
    const percent = Math.min(100, (100 * size) / Math.max(1, documents));
    // ts_stat takes the text of a query: the sample clause is built from a number, not input.
    // A fixed seed gives the same sample for the same table.
    const from =
      percent >= 100
        ? 'article_search'
        : `article_search TABLESAMPLE BERNOULLI (${percent.toFixed(6)}) REPEATABLE (${SAMPLE_SEED})`;
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(from)}`.execute(db);
    return {
      sampled: Number(rows[0]?.n ?? 0),
      async write(trx) {
        await sql`DELETE FROM related_term_stats`.execute(trx);
        await sql`
          INSERT INTO related_term_stats (term, sample_df)
          SELECT word, ndoc FROM ts_stat(${`SELECT document FROM ${from}`}) WHERE ndoc >= 2`.execute(trx);
      },
    };
  },
};
