import { describe, expect, it } from 'vitest';
import { foldWord, MAX_TERM_LENGTH, terms, tokenize } from './tokenize.ts';
import { stemTerms } from './stem-terms.ts';

describe('tokenize', () => {
  it('splits words in any script and keeps their offsets', () => {
    const text = 'Reporters, «журналисты» и 記者 — 2024!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Reporters',
      'журналисты',
      'и',
      '記者',
      '2024',
    ]);
    expect(tokens.map((t) => t.terms)).toEqual([['reporters'], ['журналисты'], ['и'], ['記者'], ['2024']]);
  });

  it('folds case, Latin diacritics, ё, stress marks and compatibility forms, but keeps й', () => {
    expect(terms('CAFÉ Naïve ÉLAN')).toEqual(['cafe', 'naive', 'elan']);
    expect(terms('Ёлка ещё')).toEqual(['елка', 'еще']);
    expect(terms('за́мок')).toEqual(['замок']);
    expect(terms('ﬁnance x²')).toEqual(['finance', 'x2']);
    expect(terms('Мой край')).toEqual(['мой', 'край']);
    expect(terms('ΛΌΓΟΣ')).toEqual(['λογοσ']);
  });

  it('drops over-long tokens and emoji, and stops at the limit', () => {
    expect(terms(`short ${'x'.repeat(MAX_TERM_LENGTH + 1)} ${'y'.repeat(MAX_TERM_LENGTH)}`)).toEqual([
      'short',
      'y'.repeat(MAX_TERM_LENGTH),
    ]);
    expect(terms('🙂 🔥 \u0000')).toEqual([]);
    expect(terms('a b c d e', 3)).toEqual(['a', 'b', 'c']);
    expect(foldWord('½')).toEqual(['1', '2']);
  });
});

describe('stemTerms', () => {
  it('reduces English inflections to one stem', () => {
    expect(stemTerms('publishing published publishes publish', 'en')).toEqual([
      'publish',
      'publish',
      'publish',
      'publish',
    ]);
    expect(stemTerms('Journalists journalist', 'en-GB')).toEqual(['journalist', 'journalist']);
  });

  it('reduces Russian inflections to one stem', () => {
    const forms = 'журналист журналиста журналисту журналистом журналисты журналистов журналистами';
    expect(new Set(stemTerms(forms, 'ru'))).toEqual(new Set(['журналист']));
    expect(new Set(stemTerms('свобода свободы свободе свободой', 'ru'))).toEqual(new Set(['свобод']));
    expect(stemTerms('Ёлки', 'ru')).toEqual(stemTerms('елки', 'ru'));
  });

  it('picks the stemmer by script inside English and Russian texts and for unknown languages', () => {
    expect(stemTerms('Журналисты publishing', 'en')).toEqual(['журналист', 'publish']);
    expect(stemTerms('Журналисты publishing', 'ru')).toEqual(['журналист', 'publish']);
    expect(stemTerms('Журналисты publishing', undefined)).toEqual(['журналист', 'publish']);
  });

  it('only folds languages it has no stemmer for', () => {
    expect(stemTerms('Zeitungen publishing Журналисты', 'de')).toEqual([
      'zeitungen',
      'publishing',
      'журналисты',
    ]);
  });
});
