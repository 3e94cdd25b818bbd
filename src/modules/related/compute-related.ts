import { sql } from 'kysely';
import { isVisibleToReaders, visibleToReaders } from '../../domain/reader-visibility.ts';
import { indexedDocument, type SearchDb } from '../search/index.ts';
import { relatedIndex } from './related-index.ts';
import {
  indexedTerms,
  queryTerms,
  rankRelated,
  retrievalTerms,
  termVector,
  type RelatedCandidate,
  type TermVector,
} from './related-score.ts';
import { documentFrequencies } from './term-stats.ts';

// Computing, storing and reading an article's "Read more" list. Computing reads a bounded amount
// whatever the archive's size: the article's own terms, their document frequencies, and about
// CANDIDATES articles the full-text index ranks first for its most distinctive terms.

export const DEFAULT_RELATED_LIMIT = 4;
/** Articles the full-text index proposes for rescoring. */
export const CANDIDATES = 100;

export interface RelatedEntry {
  id: string;
  score: number;
}

export interface ComputeOptions {
  /** Default DEFAULT_RELATED_LIMIT. */
  limit?: number;
  /** Articles the index proposes for rescoring. Default CANDIDATES. */
  candidates?: number;
  /** Distinctive terms describing the article. Default QUERY_TERMS. */
  terms?: number;
}

/**
 * The published articles most related to this one, best first, at most `limit`. Empty when the
 * article does not exist or is not published.
 */
export async function computeRelated(
  db: SearchDb,
  articleId: string,
  options: ComputeOptions = {},
): Promise<RelatedEntry[]> {
  const limit = options.limit ?? DEFAULT_RELATED_LIMIT;
  const article = await db.kysely
    .selectFrom('articles')
    .select(['id', 'language', 'status', 'published_at'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!article || !isVisibleToReaders(article, new Date()) || limit <= 0) return [];
  const index = relatedIndex(db);
  const vector =
    (await index.vectors(db.kysely, [article.id])).get(article.id) ?? (await unindexedVector(db, article.id));
  const { documents, frequencies } = await documentFrequencies(db, vector);
  // Source term weights are not length-normalised: the source is compared with itself.
  const query = queryTerms(vector, frequencies, documents, vector.length, { limit: options.terms });
  const found = await index.candidates(
    db.kysely,
    retrievalTerms(query),
    article,
    options.candidates ?? CANDIDATES,
  );
  const ids = found.map((c) => c.id);
  const [vectors, tags] = await Promise.all([
    index.vectors(db.kysely, ids),
    tagsOf(db, [article.id, ...ids]),
  ]);
  const candidates: RelatedCandidate[] = [];
  let totalLength = vector.length;
  for (const c of found) {
    const v = vectors.get(c.id);
    if (!v) continue;
    totalLength += v.length;
    candidates.push({
      id: c.id,
      language: article.language,
      status: c.status,
      publishedAt: c.publishedAt,
      tagIds: tags.get(c.id) ?? [],
      vector: v,
    });
  }
  const source = {
    id: article.id,
    language: article.language,
    publishedAt: article.published_at,
    tagIds: tags.get(article.id) ?? [],
    vector,
  };
  const averageLength = totalLength / (candidates.length + 1);
  return rankRelated(source, candidates, query, { limit, averageLength }).map((r) => ({
    id: r.id,
    score: r.score,
  }));
}

/** The article's terms as the index would store them (for an article not indexed yet). */
async function unindexedVector(db: SearchDb, id: string): Promise<TermVector> {
  const text = await db.kysely
    .selectFrom('articles')
    .select(['language', 'title', 'standfirst', 'body_text'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const doc = indexedDocument({ id, ...text, bodyText: text.body_text });
  return termVector(indexedTerms(doc.title), indexedTerms(doc.body));
}

async function tagsOf(db: SearchDb, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('article_tags')
      .select(['article_id', 'tag_id'])
      .where('article_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.article_id, [...(out.get(r.article_id) ?? []), r.tag_id]);
  }
  return out;
}

/**
 * Replace the stored list of an article, in one transaction; storing the same list again changes
 * nothing. Returns whether the list (its ids, in order) differs from what was stored before.
 */
export async function storeRelated(
  db: SearchDb,
  articleId: string,
  list: readonly RelatedEntry[],
): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    // Two workers replacing the same list would otherwise both insert and collide on the key.
    if (db.dialect === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`related:${articleId}`}))`.execute(trx);
    const before = await trx
      .selectFrom('related_articles')
      .select('related_id')
      .where('article_id', '=', articleId)
      .orderBy('position')
      .execute();
    await trx.deleteFrom('related_articles').where('article_id', '=', articleId).execute();
    if (list.length > 0) {
      await trx
        .insertInto('related_articles')
        .values(
          list.map((r, position) => ({ article_id: articleId, related_id: r.id, position, score: r.score })),
        )
        .execute();
    }
    return before.map((r) => r.related_id).join(' ') !== list.map((r) => r.id).join(' ');
  });
}

/**
 * The stored list as readers see it: only articles they may see right now, so one that is
 * unpublished drops out at once, before any recomputation.
 */
export async function relatedArticleIds(
  db: SearchDb,
  articleId: string,
  limit = DEFAULT_RELATED_LIMIT,
): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('related_articles as r')
    .innerJoin('articles as a', 'a.id', 'r.related_id')
    .select('r.related_id')
    .where('r.article_id', '=', articleId)
    .where(visibleToReaders('a'))
    .orderBy('r.position')
    .limit(limit)
    .execute();
  return rows.map((r) => r.related_id);
}

/** Articles whose stored list contains this one (at most `limit`). */
export async function listsContaining(db: SearchDb, articleId: string, limit: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('related_articles')
    .select('article_id')
    .where('related_id', '=', articleId)
    .orderBy('article_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.article_id);
}

/** Drop a deleted article from every stored list, and its own list. */
export async function forgetArticle(db: SearchDb, articleId: string): Promise<void> {
  await db.kysely
    .deleteFrom('related_articles')
    .where((w) => w.or([w('related_id', '=', articleId), w('article_id', '=', articleId)]))
    .execute();
}
