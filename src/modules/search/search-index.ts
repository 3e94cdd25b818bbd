import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { parseSearchQuery, toFts5Match, toTsQuery } from './search-query.ts';
import { postgresIndex, postgresRemove, postgresSearch } from './postgres-search.ts';
import { sqliteIndex, sqliteRemove, sqliteSearch } from './sqlite-search.ts';
import { stemTerms } from './stem-terms.ts';
import type { IndexedDocument, SearchResult } from './search-types.ts';

// The operations the rest of Samizdat calls. Every article is indexed whatever its status; the
// search joins `articles` and returns published ones only, so publishing, unpublishing or
// scheduling an article needs no re-index, only editing its text does.

/** Anything with a Kysely handle and a dialect: a Db, or a Db whose kysely is a transaction. */
export type SearchDb = Pick<Db, 'kysely' | 'dialect'>;

export interface IndexableArticle {
  id: string;
  language: string;
  title: string;
  standfirst: string;
  bodyText: string;
}

export interface SearchOptions {
  /** Whatever the reader typed; never an error, at worst no results. */
  q: string;
  /** Only articles in this language (exact match on articles.language); also picks the stemmer. */
  language?: string | undefined;
  /** Clamped to 1..MAX_SEARCH_LIMIT. */
  limit: number;
  /** Clamped to 0..MAX_SEARCH_OFFSET. */
  offset: number;
  /** Match the last word as a prefix too (search as you type). Off by default. */
  prefix?: boolean | undefined;
}

export const MAX_SEARCH_LIMIT = 100;
export const MAX_SEARCH_OFFSET = 10_000;
/** Beyond this many words an article's tail is not indexed (PostgreSQL positions stop at 16,383). */
export const MAX_INDEXED_TERMS = 100_000;

/** The stored form of an article: title in one field; standfirst and body text in the other. */
export function indexedDocument(article: IndexableArticle): IndexedDocument {
  const title = stemTerms(article.title, article.language, MAX_INDEXED_TERMS);
  const body = stemTerms(`${article.standfirst}\n${article.bodyText}`, article.language, MAX_INDEXED_TERMS);
  return { id: article.id, language: article.language, title: title.join(' '), body: body.join(' ') };
}

/**
 * Index an article, replacing what was indexed for it before. The article row must exist (both
 * databases refuse otherwise). Runs in the caller's transaction when given one.
 */
export async function indexArticle(db: SearchDb, article: IndexableArticle): Promise<void> {
  const doc = indexedDocument(article);
  if (db.dialect === 'postgres') return postgresIndex(db.kysely, doc);
  await inTransaction(db.kysely, (trx) => sqliteIndex(trx, doc));
}

/** Forget an article. Deleting the article row does this too, on both databases. */
export async function removeFromIndex(db: SearchDb, id: string): Promise<void> {
  if (db.dialect === 'postgres') return postgresRemove(db.kysely, id);
  await sqliteRemove(db.kysely, id);
}

/** Published articles matching every word of the query, best first. */
export async function searchArticles(db: SearchDb, options: SearchOptions): Promise<SearchResult> {
  const language = options.language?.trim() || undefined;
  const query = parseSearchQuery(options.q, { language, prefix: options.prefix });
  const expression = db.dialect === 'postgres' ? toTsQuery(query) : toFts5Match(query);
  if (expression === null) return { total: 0, hits: [] };
  const page = {
    expression,
    language,
    limit: clamp(options.limit, 1, MAX_SEARCH_LIMIT, 20),
    offset: clamp(options.offset, 0, MAX_SEARCH_OFFSET, 0),
  };
  return db.dialect === 'postgres' ? postgresSearch(db.kysely, page) : sqliteSearch(db.kysely, page);
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

async function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
