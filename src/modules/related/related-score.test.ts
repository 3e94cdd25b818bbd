import { describe, expect, it } from 'vitest';
import { stemTerms } from '../search/index.ts';
import { vectorFromTsvector } from './related-postgres.ts';
import {
  idf,
  queryTerms,
  rankRelated,
  recency,
  tagOverlap,
  termVector,
  TITLE_WEIGHT,
  type RelatedCandidate,
  type RelatedSubject,
} from './related-score.ts';

const DOCUMENTS = 1000;
// Everyday words are in most documents, topic words in a few.
const FREQUENCIES = new Map<string, number>(
  stemTerms('the of and in river pollution factory fish grain price harvest wheat', 'en').map(
    (t, i) => [t, i < 4 ? 900 : 20] as const,
  ),
);

function subject(
  id: string,
  title: string,
  body: string,
  extra: Partial<RelatedCandidate> = {},
): RelatedCandidate {
  return {
    id,
    language: 'en',
    status: 'published',
    publishedAt: '2026-06-01T00:00:00.000Z',
    tagIds: [],
    vector: termVector(stemTerms(title, 'en'), stemTerms(body, 'en')),
    ...extra,
  };
}

const source: RelatedSubject = subject(
  'src',
  'River pollution',
  'The factory and the river: fish in the river.',
  {
    tagIds: ['environment'],
  },
);

function rank(candidates: RelatedCandidate[], limit = 4) {
  const query = queryTerms(source.vector, FREQUENCIES, DOCUMENTS, source.vector.length);
  return rankRelated(source, candidates, query, { limit, averageLength: source.vector.length });
}

describe('related-score', () => {
  it('weighs title words TITLE_WEIGHT times body words', () => {
    const v = termVector(['river'], ['river', 'fish']);
    expect(v.counts.get('river')).toBe(TITLE_WEIGHT + 1);
    expect(v.length).toBe(TITLE_WEIGHT + 2);
  });

  it('picks distinctive terms, not everyday ones, deterministically', () => {
    const terms = queryTerms(source.vector, FREQUENCIES, DOCUMENTS, source.vector.length).map((q) => q.term);
    expect(terms.slice(0, 2)).toEqual(['river', 'pollut']);
    expect(terms).not.toContain('the');
    expect(idf(10, DOCUMENTS)).toBeGreaterThan(idf(500, DOCUMENTS));
  });

  it('ranks the article on the same subject above one on another', () => {
    const result = rank([
      subject('grain', 'Grain prices', 'The harvest and the price of wheat.'),
      subject('fish', 'Fish die in the river', 'Pollution from a factory upstream.'),
    ]);
    expect(result.map((r) => r.id)).toEqual(['fish']);
    expect(result[0]!.similarity).toBeGreaterThan(0.3);
  });

  it('lets shared tags decide between equally similar articles', () => {
    const text = ['Pollution in the river', 'A factory and fish.'] as const;
    const result = rank([
      subject('untagged', ...text),
      subject('tagged', ...text, { tagIds: ['environment'] }),
    ]);
    expect(result.map((r) => r.id)).toEqual(['tagged', 'untagged']);
    expect(result[0]!.tagOverlap).toBe(1);
  });

  it('prefers the article closer in time, other things equal', () => {
    const text = ['Pollution in the river', 'A factory and fish.'] as const;
    const result = rank([
      subject('old', ...text, { publishedAt: '2020-06-01T00:00:00.000Z' }),
      subject('close', ...text, { publishedAt: '2026-05-20T00:00:00.000Z' }),
    ]);
    expect(result.map((r) => r.id)).toEqual(['close', 'old']);
    expect(recency('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toBe(1);
    expect(recency('2026-01-01T00:00:00Z', '2026-06-30T00:00:00Z')).toBeCloseTo(0.5, 2);
    expect(recency('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBeLessThan(0.3);
    expect(recency(null, '2026-01-01T00:00:00Z')).toBe(0);
  });

  it('never returns the article itself, another language, or an unpublished article', () => {
    const text = ['Pollution in the river', 'A factory and fish.'] as const;
    const result = rank([
      subject('src', ...text),
      subject('ru', ...text, { language: 'ru' }),
      subject('draft', ...text, { status: 'draft' }),
      subject('scheduled', ...text, { status: 'scheduled' }),
      subject('undated', ...text, { publishedAt: null }),
      subject('ok', ...text),
    ]);
    expect(result.map((r) => r.id)).toEqual(['ok']);
  });

  it('orders equal scores by date then id, whatever the input order', () => {
    const text = ['Pollution in the river', 'A factory and fish.'] as const;
    // Equally far from the source's date (June 1st), on either side.
    const candidates = [
      subject('b', ...text, { publishedAt: '2026-05-31T00:00:00.000Z' }),
      subject('a', ...text, { publishedAt: '2026-05-31T00:00:00.000Z' }),
      subject('c', ...text, { publishedAt: '2026-06-02T00:00:00.000Z' }),
    ];
    expect(rank(candidates).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(rank([...candidates].reverse()).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(rank(candidates, 2)).toHaveLength(2);
  });

  it('measures tag overlap as shared over all', () => {
    expect(tagOverlap(['a', 'b'], ['b', 'c'])).toBeCloseTo(1 / 3);
    expect(tagOverlap([], ['a'])).toBe(0);
  });

  it('reads a PostgreSQL tsvector as the same vector as the stored text', () => {
    const v = vectorFromTsvector("'fish':3B 'river':1A,2B,4B 'pollut':5");
    expect(Object.fromEntries(v.counts)).toEqual({ fish: 1, river: TITLE_WEIGHT + 2, pollut: 1 });
    expect(v.length).toBe(TITLE_WEIGHT + 4);
  });
});
