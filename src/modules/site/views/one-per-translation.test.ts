import { describe, expect, it } from 'vitest';
import { onePerTranslation } from './one-per-translation.ts';

const a = (id: string, language: string, translationGroup: string | null) => ({
  id,
  language,
  translationGroup,
});

describe('one article per translation group', () => {
  it('keeps the member in the page language, at the place its group first appears', () => {
    const list = [a('ru1', 'ru', 'g'), a('x', 'en', null), a('en1', 'en', 'g')];
    expect(onePerTranslation(list, 'en').map((x) => x.id)).toEqual(['en1', 'x']);
    expect(onePerTranslation(list, 'ru').map((x) => x.id)).toEqual(['ru1', 'x']);
  });

  it('keeps the first listed when no member is in the page language', () => {
    const list = [a('de1', 'de', 'g'), a('ru1', 'ru', 'g')];
    expect(onePerTranslation(list, 'en').map((x) => x.id)).toEqual(['de1']);
  });

  it('leaves articles without translations alone', () => {
    const list = [a('1', 'en', null), a('2', 'ru', null), a('3', 'en', '3')];
    expect(onePerTranslation(list, 'en').map((x) => x.id)).toEqual(['1', '2', '3']);
  });
});
