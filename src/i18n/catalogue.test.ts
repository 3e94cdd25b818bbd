import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { catalogueLanguage, translate } from './catalogue.ts';

describe('message catalogues', () => {
  it('give every key in English and Russian, and no extra ones', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ru)) expect(text, key).not.toBe('');
  });

  it('keep the same placeholders in every language', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('translate', () => {
  it('fills placeholders in the page language', () => {
    expect(translate('en', 'support.title', { name: 'Ilmara' })).toBe('Support Ilmara!');
    expect(translate('ru', 'support.title', { name: 'Ilmara' })).toBe('Поддержите «Ilmara»!');
  });

  it('picks plural forms by the language rules', () => {
    expect(translate('en', 'search.count', { count: 1 })).toBe('1 article found');
    expect(translate('en', 'search.count', { count: 5 })).toBe('5 articles found');
    expect(translate('ru', 'search.count', { count: 21 })).toBe('Найдена 21 статья');
    expect(translate('ru', 'search.count', { count: 3 })).toBe('Найдено 3 статьи');
    expect(translate('ru', 'search.count', { count: 11 })).toBe('Найдено 11 статей');
  });

  it('falls back to English for a language without a catalogue, and to the base language', () => {
    expect(catalogueLanguage('ru-RU')).toBe('ru');
    expect(translate('de', 'site.search')).toBe('Search');
  });

  it('shows an unknown key as itself rather than failing the page', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
