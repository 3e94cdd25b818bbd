import { describe, expect, it } from 'vitest';
import { browserLanguage, catalogues, en, format, ru } from './strings.ts';

const placeholders = (text: string) => [...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).sort();

describe('UI strings catalogue', () => {
  it('has every English key in Russian and no other', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty message and no untranslated Russian message', () => {
    for (const [lang, messages] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(messages)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      // A Russian message is written in Cyrillic (a dash or a lone placeholder excepted).
      if (/^[—\s{}a-z]*$/i.test(en[key]) && en[key].length < 3) continue;
      expect(/[а-яё]/i.test(ru[key]), `ru ${key}: ${ru[key]}`).toBe(true);
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(format('Page {page} of {pages}', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(format('Hi {name}', {})).toBe('Hi {name}');
  });

  it("follows the browser's language before sign-in", () => {
    expect(browserLanguage(['ru-RU', 'en'])).toBe('ru');
    expect(browserLanguage(['de', 'en-GB'])).toBe('en');
    expect(browserLanguage(['uk', 'ru'])).toBe('ru');
    expect(browserLanguage([])).toBe('en');
  });
});
