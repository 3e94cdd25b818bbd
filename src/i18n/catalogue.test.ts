import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { catalogueLanguage, interfaceLanguages, isMessageKey, messagesFor, translate } from './catalogue.ts';

const others = interfaceLanguages.filter((l) => l !== 'en');

describe('message catalogues', () => {
  it('ship more than one language', () => {
    expect(others).toContain('ru');
  });

  it.each(others)('give every key in %s, none empty, and no extra ones', (lang) => {
    const messages = messagesFor(lang);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(messages)) expect(text.trim(), key).not.toBe('');
  });

  it.each(others)('keep the same placeholders in %s', (lang) => {
    const messages = messagesFor(lang);
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(messages[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have every key the default theme asks for', () => {
    const root = join(import.meta.dirname, '..', 'themes', 'default');
    const templates = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.liquid'),
    );
    const asked = templates.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/'([a-z0-9_.]+)'\s*\|\s*t\b/g)].map((m) => m[1]!),
    );
    expect(asked.length).toBeGreaterThan(20);
    // A plural message is asked for by its stem ("article.by" -> "article.by.other").
    const missing = asked.filter((key) => !isMessageKey(key) && !isMessageKey(`${key}.other`));
    expect(missing).toEqual([]);
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
