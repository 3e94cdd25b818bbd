import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, parseSearchQuery, toFts5Match, toTsQuery } from './search-query.ts';
import { hostileQueries } from '../../../test/support/hostile-queries.ts';

const SAFE_TERM = /^[\p{L}\p{Nd}]+$/u;

describe('parseSearchQuery', () => {
  it('stems every word, in the given language or both ways when unknown', () => {
    expect(parseSearchQuery('Журналистами', { language: 'ru' }).terms).toEqual([
      { variants: ['журналист'], prefix: false },
    ]);
    expect(parseSearchQuery('publishing war').terms).toEqual([
      { variants: ['publish', 'publishing'], prefix: false },
      { variants: ['war'], prefix: false },
    ]);
    expect(parseSearchQuery('Zeitungen', { language: 'de' }).terms).toEqual([
      { variants: ['zeitungen'], prefix: false },
    ]);
  });

  it('treats operators and punctuation as separators and words like AND as words', () => {
    const q = parseSearchQuery('"war" AND -peace* NEAR(press)', { language: 'en' });
    expect(q.terms.map((t) => t.variants[0])).toEqual(['war', 'and', 'peac', 'near', 'press']);
  });

  it('drops repeated words and caps the number of terms', () => {
    expect(parseSearchQuery('war war War wars', { language: 'en' }).terms).toHaveLength(1);
    const many = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    expect(parseSearchQuery(many).terms).toHaveLength(MAX_QUERY_TERMS);
  });

  it('marks the last word as a prefix only when asked and while it is being typed', () => {
    expect(parseSearchQuery('war journ', { language: 'en', prefix: true }).terms[1]).toEqual({
      variants: ['journ'],
      prefix: true,
    });
    expect(parseSearchQuery('war journ ', { language: 'en', prefix: true }).terms[1]?.prefix).toBe(false);
    expect(parseSearchQuery('war journ', { language: 'en' }).terms[1]?.prefix).toBe(false);
    // Too short to expand.
    expect(parseSearchQuery('war jo', { language: 'en', prefix: true }).terms[1]?.prefix).toBe(false);
  });

  it('builds MATCH and tsquery expressions from quoted terms only', () => {
    const q = parseSearchQuery('publishing war', { prefix: true });
    expect(toFts5Match(q)).toBe('("publish" OR "publishing") AND "war" *');
    expect(toTsQuery(q)).toBe("('publish' | 'publishing') & 'war':*");
    expect(toFts5Match({ terms: [] })).toBeNull();
    expect(toTsQuery({ terms: [] })).toBeNull();
  });

  it.each(hostileQueries.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length})` : q, q]))(
    'turns %j into safe terms',
    (_label, raw) => {
      for (const options of [{}, { language: 'en', prefix: true }, { language: 'ru' }, { language: 'xx' }]) {
        const q = parseSearchQuery(raw, options);
        expect(q.terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
        for (const t of q.terms) for (const v of t.variants) expect(v).toMatch(SAFE_TERM);
        const match = toFts5Match(q);
        const tsquery = toTsQuery(q);
        if (q.terms.length === 0) {
          expect(match).toBeNull();
          expect(tsquery).toBeNull();
        } else {
          // Outside the quotes there are only our own operators.
          expect(match!.replace(/"[\p{L}\p{Nd}]+"/gu, '')).toMatch(/^[()\sANDOR*]*$/);
          expect(tsquery!.replace(/'[\p{L}\p{Nd}]+'/gu, '')).toMatch(/^[()\s&|:*]*$/);
        }
      }
    },
  );

  it('never throws on input that is not a string', () => {
    for (const raw of [undefined, null, 42, ['war'], { q: 'war' }]) {
      expect(parseSearchQuery(raw).terms).toEqual([]);
    }
  });

  it('reads only the start of a very long query', () => {
    expect(parseSearchQuery('a'.repeat(10_000)).terms).toEqual([]);
    expect(parseSearchQuery(`${'x '.repeat(5_000)}late`).terms.map((t) => t.variants[0])).toEqual(['x']);
  });
});
