import { isArticleVisibleToReaders } from '../../domain/reader-visibility.ts';

// How related two articles are: pure functions, no database. The database side (which
// candidates, which document frequencies) is in compute-related.ts; see README.md for the why.

/** A title word counts this many times a body word, for choosing terms and for similarity. */
export const TITLE_WEIGHT = 3;
/** How many of the source article's most distinctive terms describe it. */
export const QUERY_TERMS = 24;
/** Parts of the final score; they add up to 1. */
export const WEIGHTS = { similarity: 0.75, tags: 0.15, recency: 0.1 } as const;
/** An article this many days apart counts half as recent as one published the same day. */
export const RECENCY_HALF_LIFE_DAYS = 180;
/** Below this text similarity a candidate is not related, whatever its tags or date. */
export const MIN_SIMILARITY = 0.05;

// BM25's usual constants: term-frequency saturation and length normalisation.
const K1 = 1.2;
const B = 0.75;
const DAY_MS = 86_400_000;
const HAS_LETTER = /\p{L}/u;

/** Stemmed term → weighted count (title occurrences count TITLE_WEIGHT times), and their sum. */
export interface TermVector {
  counts: Map<string, number>;
  length: number;
}

/** A term of the source article, with what it contributes to a match. */
export interface QueryTerm {
  term: string;
  /** In how many documents it occurs (1: only the source, as far as is known). */
  documentFrequency: number;
  idf: number;
  /** The term's weight in the source article: idf × saturated frequency. */
  weight: number;
}

export interface RelatedSubject {
  id: string;
  language: string;
  /** ISO-8601; null when never published. */
  publishedAt: string | null;
  tagIds: readonly string[];
  vector: TermVector;
}

export interface RelatedCandidate extends RelatedSubject {
  status: string;
}

export interface RelatedScore {
  id: string;
  score: number;
  similarity: number;
  tagOverlap: number;
  recency: number;
}

/** Split the index's space-separated stemmed terms. */
export function indexedTerms(text: string | null | undefined): string[] {
  return text ? text.split(' ').filter((t) => t.length > 0) : [];
}

export function termVector(title: readonly string[], body: readonly string[]): TermVector {
  const counts = new Map<string, number>();
  for (const t of title) counts.set(t, (counts.get(t) ?? 0) + TITLE_WEIGHT);
  for (const t of body) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { counts, length: title.length * TITLE_WEIGHT + body.length };
}

/** BM25's inverse document frequency: never negative, rarer terms weigh more. */
export function idf(documentFrequency: number, documents: number): number {
  const n = Math.max(documents, documentFrequency);
  return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

function saturate(tf: number, length: number, averageLength: number): number {
  if (tf <= 0) return 0;
  const norm = averageLength > 0 ? length / averageLength : 1;
  return (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * norm));
}

/**
 * The terms that say what the article is about: highest tf·idf first (ties by term, so the same
 * article always gives the same query). A term in more than `maxShare` of all documents says
 * nothing. A term missing from `frequencies` was too rare to be counted: it is taken to occur in
 * this article only. Terms no other article has still count: they are part of what the article
 * is about, and an article sharing only its commonplace words must not look like a close match.
 */
export function queryTerms(
  source: TermVector,
  frequencies: ReadonlyMap<string, number>,
  documents: number,
  averageLength: number,
  options: { limit?: number; maxShare?: number } = {},
): QueryTerm[] {
  const maxDf = Math.max(50, documents * (options.maxShare ?? 0.2));
  const out: QueryTerm[] = [];
  for (const [term, tf] of source.counts) {
    const df = Math.max(1, frequencies.get(term) ?? 1);
    if (df > maxDf || term.length < 2 || !HAS_LETTER.test(term)) continue;
    const termIdf = idf(df, documents);
    out.push({
      term,
      documentFrequency: df,
      idf: termIdf,
      weight: termIdf * saturate(tf, source.length, averageLength),
    });
  }
  out.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return out.slice(0, options.limit ?? QUERY_TERMS);
}

/** The query terms worth asking the index for: those some other article has too. */
export function retrievalTerms(query: readonly QueryTerm[]): QueryTerm[] {
  return query.filter((q) => q.documentFrequency >= 2);
}

/** How well a document matches the query: BM25 with each term weighted by its weight in the source. */
export function matchScore(query: readonly QueryTerm[], doc: TermVector, averageLength: number): number {
  let score = 0;
  for (const q of query) {
    const tf = doc.counts.get(q.term);
    if (tf !== undefined) score += q.weight * saturate(tf, doc.length, averageLength);
  }
  return score;
}

/** Jaccard index of two tag sets: shared / all, 0 when either has none. */
export function tagOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const t of left) if (right.has(t)) shared++;
  return shared / (left.size + right.size - shared);
}

/** 1 for the same day, halving every RECENCY_HALF_LIFE_DAYS apart; 0 when a date is missing. */
export function recency(a: string | null, b: string | null, halfLifeDays = RECENCY_HALF_LIFE_DAYS): number {
  if (a === null || b === null) return 0;
  const days = Math.abs(Date.parse(a) - Date.parse(b)) / DAY_MS;
  return Number.isFinite(days) ? 0.5 ** (days / halfLifeDays) : 0;
}

/**
 * Score the candidates for the source article, best first, at most `limit`. Only articles
 * readers may see at `options.now` (the clock by default), in the source's language, never the
 * source itself, and only with some text in common.
 * Text similarity is the candidate's match score divided by the source's own (1 = as close as
 * the article is to itself). Equal scores: the more recent first, then by id.
 */
export function rankRelated(
  source: RelatedSubject,
  candidates: readonly RelatedCandidate[],
  query: readonly QueryTerm[],
  options: { limit: number; averageLength: number; now?: Date },
): RelatedScore[] {
  const self = matchScore(query, source.vector, options.averageLength);
  if (self <= 0) return [];
  const seen = new Set<string>([source.id]);
  const scored: Array<RelatedScore & { publishedAt: string }> = [];
  for (const c of candidates) {
    if (
      seen.has(c.id) ||
      !isArticleVisibleToReaders(c, options.now) ||
      c.publishedAt === null || // never for a visible one; tells the compiler so
      c.language !== source.language
    )
      continue;
    seen.add(c.id);
    const similarity = Math.min(1, matchScore(query, c.vector, options.averageLength) / self);
    if (similarity < MIN_SIMILARITY) continue;
    const tags = tagOverlap(source.tagIds, c.tagIds);
    const recent = recency(source.publishedAt, c.publishedAt);
    const score = WEIGHTS.similarity * similarity + WEIGHTS.tags * tags + WEIGHTS.recency * recent;
    scored.push({
      id: c.id,
      score,
      similarity,
      tagOverlap: tags,
      recency: recent,
      publishedAt: c.publishedAt,
    });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.publishedAt > b.publishedAt ? -1 : a.publishedAt < b.publishedAt ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return scored.slice(0, Math.max(0, options.limit)).map(({ publishedAt: _, ...s }) => s);
}
