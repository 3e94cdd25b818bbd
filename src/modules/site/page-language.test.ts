import { describe, expect, it } from 'vitest';
import type { Article } from '../articles/index.ts';
import { pageLanguage, siteLanguages } from './page-language.ts';

const economy = {
  id: 't1',
  name: 'Economy',
  slug: 'economy',
  description: 'Prices.',
  isSection: true,
  navOrder: 1,
};
const harbour = {
  id: 't2',
  name: 'Harbour',
  slug: 'harbour',
  description: '',
  isSection: false,
  navOrder: null,
};
const vask = { id: 'a1', name: 'Irena Vask', slug: 'irena-vask', bio: 'Editor.', isPenName: false };
const article = { id: 'x', language: 'ru', tags: [economy, harbour], authors: [vask] } as unknown as Article;

describe('page language', () => {
  it('has the default language at / and every catalogue language under its prefix', () => {
    expect(siteLanguages('en')).toEqual(['en', 'ru']);
    expect(siteLanguages('ru')).toEqual(['ru', 'en']);
    expect(siteLanguages('de')).toEqual(['de', 'en', 'ru']);
  });

  it('keeps only the catalogue languages the languages setting lists, the default always first', () => {
    expect(siteLanguages('en', [])).toEqual(['en']);
    expect(siteLanguages('en', ['ru'])).toEqual(['en', 'ru']);
    expect(siteLanguages('de', ['ru'])).toEqual(['de', 'ru']);
    // The default is never listed twice, even if a stored setting names it.
    expect(siteLanguages('en-GB', ['en', 'ru'])).toEqual(['en-GB', 'ru']);
  });

  it('names sections, tags and authors in the page language, with its addresses', () => {
    const ru = pageLanguage('ru', 'en', {
      tags: new Map([['t1', { name: 'Экономика', slug: 'ekonomika', description: 'Цены.' }]]),
      authors: new Map([['a1', { name: 'Ирена Васк', slug: null, bio: '' }]]),
    });
    const named = ru.article(article);
    expect(named.tags[0]).toMatchObject({ name: 'Экономика', slug: 'ekonomika', description: 'Цены.' });
    // Missing translations fall back: a section without one keeps its default name and slug,
    // a translation without a slug or bio keeps the default ones.
    expect(named.tags[1]).toMatchObject({ name: 'Harbour', slug: 'harbour' });
    expect(named.authors[0]).toMatchObject({ name: 'Ирена Васк', slug: 'irena-vask', bio: 'Editor.' });
    expect(ru.paths.tag('ekonomika')).toBe('/ru/tag/ekonomika');
    expect(ru.paths.home()).toBe('/ru/');
    expect(ru.paths.feed('rss')).toBe('/ru/feed.xml');
    expect(ru.paths.article('x')).toBe('/articles/x');
  });

  it('keeps the default language’s plain addresses', () => {
    const en = pageLanguage('en', 'en', { tags: new Map(), authors: new Map() });
    expect(en.paths.home()).toBe('/');
    expect(en.paths.tag('economy', 2)).toBe('/tag/economy/page/2');
    expect(en.article(article).tags[0]!.name).toBe('Economy');
  });

  it('names an article without reading its body (a listed article parses it only when read)', () => {
    let reads = 0;
    const listed = { ...article, body: null, title: 'T' } as unknown as Article;
    Object.defineProperty(listed, 'body', { enumerable: true, get: () => (reads++, { type: 'doc' }) });
    const ru = pageLanguage('ru', 'en', { tags: new Map(), authors: new Map() });
    const named = ru.article(listed);
    expect(reads).toBe(0);
    expect(Object.keys(named)).toEqual(Object.keys(listed));
    expect(named.body).toEqual({ type: 'doc' });
    expect(reads).toBe(1);
  });
});
