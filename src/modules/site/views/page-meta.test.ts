import { describe, expect, it } from 'vitest';
import { newsArticleJsonLd, jsonForScript } from './json-ld.ts';
import { metaDescription, pageMeta } from './page-meta.ts';

describe('page metadata', () => {
  it('cuts descriptions at a word, with an ellipsis', () => {
    expect(metaDescription('  short\n text ')).toBe('short text');
    const long = metaDescription('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('names the publication in the title and makes URLs absolute', () => {
    const meta = pageMeta({
      kind: 'listing',
      lang: 'ru',
      siteUrl: 'https://news.example',
      siteName: 'Ilmara',
      title: 'Экономика',
      description: 'Цены и зарплаты',
      canonical: '/tag/economy',
      alternates: [{ hreflang: 'en', url: '/articles/x' }],
    });
    expect(meta.title).toBe('Экономика — Ilmara');
    expect(meta.canonical).toBe('https://news.example/tag/economy');
    expect(meta.alternates).toEqual([{ hreflang: 'en', url: 'https://news.example/articles/x' }]);
    expect(meta.twitterCard).toBe('summary');
    expect(meta.dir).toBe('ltr');
  });

  it('does not repeat the name in the home page title, which already is the publication', () => {
    const home = (title: string) =>
      pageMeta({
        kind: 'home',
        lang: 'en',
        siteUrl: 'https://news.example',
        siteName: 'Ilmara',
        title,
        description: 'D',
        canonical: '/',
      }).title;
    expect(home('Ilmara: independent news')).toBe('Ilmara: independent news');
    expect(home('Ilmara')).toBe('Ilmara');
  });

  it('keeps an article canonical URL that points elsewhere as it is', () => {
    const meta = pageMeta({
      kind: 'article',
      lang: 'en',
      siteUrl: 'https://news.example',
      siteName: 'Ilmara',
      title: 'T',
      description: 'D',
      canonical: 'https://partner.example/original',
    });
    expect(meta.canonical).toBe('https://partner.example/original');
  });
});

describe('JSON-LD', () => {
  it('cannot close its script element or break out of it', () => {
    const json = jsonForScript({ text: '</script><script>alert(1)</script> & \u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script> & \u2028' });
  });

  it('describes a NewsArticle with the byline as published', () => {
    const data = JSON.parse(
      newsArticleJsonLd({
        url: 'https://news.example/articles/a',
        headline: 'H',
        description: 'D',
        language: 'en',
        datePublished: '2026-11-27T08:00:00.000Z',
        dateModified: '2026-11-27T09:00:00.000Z',
        images: ['https://news.example/media/a.jpg'],
        authors: [{ name: 'Nika Dorn', url: 'https://news.example/author/nika-dorn' }],
        section: 'Investigations',
        keywords: [],
        publisher: { name: 'Ilmara', url: 'https://news.example/', logo: null },
      }),
    );
    expect(data['@type']).toBe('NewsArticle');
    expect(data.author).toEqual([
      { '@type': 'Person', name: 'Nika Dorn', url: 'https://news.example/author/nika-dorn' },
    ]);
    expect(data.publisher).toEqual({
      '@type': 'NewsMediaOrganization',
      name: 'Ilmara',
      url: 'https://news.example/',
    });
    expect(data).not.toHaveProperty('keywords');
  });
});
