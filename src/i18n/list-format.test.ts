import { describe, expect, it } from 'vitest';
import { joinList, listSeparators } from './list-format.ts';
import { translate } from './catalogue.ts';

describe('lists of names in the page language', () => {
  it('joins two and three names with the language conjunction', () => {
    expect(joinList(['Irena Vask'], 'en')).toBe('Irena Vask');
    expect(joinList(['A', 'B'], 'en')).toBe('A and B');
    expect(joinList(['A', 'B', 'C'], 'en')).toBe('A, B and C');
    expect(joinList(['А', 'Б'], 'ru')).toBe('А и Б');
    expect(joinList(['А', 'Б', 'В'], 'ru')).toBe('А, Б и В');
  });

  it('gives the text to print before each linked name', () => {
    expect(listSeparators([], 'en')).toEqual([]);
    expect(listSeparators(['A'], 'en')).toEqual(['']);
    expect(listSeparators(['A', 'B', 'C'], 'en')).toEqual(['', ', ', ' and ']);
    expect(listSeparators(['А', 'Б'], 'ru')).toEqual(['', ' и ']);
  });

  it('survives a language the runtime does not know', () => {
    expect(joinList(['A', 'B'], 'zz')).toMatch(/^A.+B$/);
  });
});

describe('one author, two authors', () => {
  it('labels a byline by how many names it has', () => {
    expect(translate('ru', 'article.by', { count: 1 })).toBe('Автор:');
    expect(translate('ru', 'article.by', { count: 2 })).toBe('Авторы:');
    expect(translate('en', 'article.by', { count: 2 })).toBe('By');
  });
});
