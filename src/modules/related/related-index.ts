import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SearchDb } from '../search/index.ts';
import { postgresRelatedIndex } from './related-postgres.ts';
import type { QueryTerm, TermVector } from './related-score.ts';
import { sqliteRelatedIndex } from './related-sqlite.ts';

/** What relatedness needs from the full-text index; one implementation per database. */
export interface RelatedIndex {
  /** The indexed terms of these articles (those not indexed are missing from the map). */
  vectors(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, TermVector>>;
  /** Articles readers may see, in the language, matching any query term, best first, never the source. */
  candidates(
    db: Kysely<Database>,
    query: readonly QueryTerm[],
    source: { id: string; language: string },
    limit: number,
  ): Promise<Array<{ id: string; status: string; publishedAt: string | null }>>;
  /** In how many indexed documents each term occurs. Cheap for rare terms only. */
  exactFrequencies(db: Kysely<Database>, terms: readonly string[]): Promise<Map<string, number>>;
  /** How many documents the index holds. */
  countDocuments(db: Kysely<Database>): Promise<number>;
  /**
   * Count document frequencies over about `size` evenly spread documents of the index (all of
   * them when there are fewer), keeping terms found in at least two (rarer ones are counted
   * exactly when they matter). `write` replaces related_term_stats with them inside the caller's
   * transaction; the counting happens before, outside any transaction.
   */
  sampleFrequencies(
    db: Kysely<Database>,
    documents: number,
    size: number,
  ): Promise<{ sampled: number; write(trx: Kysely<Database>): Promise<void> }>;
}

export function relatedIndex(db: Pick<SearchDb, 'dialect'>): RelatedIndex {
  return db.dialect === 'postgres' ? postgresRelatedIndex : sqliteRelatedIndex;
}
