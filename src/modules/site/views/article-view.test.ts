import { describe, expect, it } from 'vitest';
import type { Article } from '../../articles/article.types.ts';
import type { PublicMedia } from '../../media/index.ts';
import { articlePageView } from './article-view.ts';

function article(over: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    slug: 'the-story',
    language: 'en',
    title: 'The story',
    standfirst: 'What happened.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body text.' }] }] },
    bodyText: 'Body text.',
    status: 'published',
    publishedAt: '2026-11-27T08:00:00.000Z',
    createdAt: '2026-11-27T07:00:00.000Z',
    updatedAt: '2026-11-27T08:05:00.000Z',
    translationGroup: null,
    seoTitle: '',
    seoDescription: '',
    canonicalUrl: null,
    heroMediaId: 'm1',
    version: 1,
    authors: [{ id: 'p', name: 'Nika Dorn', slug: 'nika-dorn', bio: '', isPenName: true }],
    tags: [
      { id: 't1', name: 'Data', slug: 'data', description: '', isSection: false, navOrder: null },
      { id: 't2', name: 'Environment', slug: 'environment', description: '', isSection: true, navOrder: 3 },
    ],
    ...over,
  } as Article;
}

const hero: PublicMedia = {
  id: 'm1',
  url: '/media/2026/11/m1/w800.jpg',
  width: 800,
  height: 533,
  mime: 'image/jpeg',
  caption: 'The pier at dawn.',
  credit: 'Photo: K. Ruden / Agency',
  alt: 'A pier',
  variants: [],
  srcset: { webp: '/media/2026/11/m1/w800.webp 800w', fallback: '/media/2026/11/m1/w800.jpg 800w' },
};

const site = {
  url: 'https://news.example',
  name: 'Ilmara',
  timeZone: 'Asia/Kolkata',
  defaultLanguage: 'en',
  logo: null,
};

describe('article page view', () => {
  it('gives the template everything ready to print, on the newsroom clock', () => {
    const view = articlePageView({
      article: article(),
      media: new Map([['m1', hero]]),
      translations: [],
      readMore: [],
      site,
    });
    expect(view.article.section).toEqual({ url: '/tag/environment', name: 'Environment' });
    expect(view.article.authors).toEqual([{ url: '/author/nika-dorn', name: 'Nika Dorn', separator: '' }]);
    expect(view.article.published.iso).toBe('2026-11-27T13:30:00+05:30');
    expect(view.article.published.text).toMatch(/November 27, 2026.*1:30\s?PM/);
    // Saved five minutes after publishing: part of publishing, not an update.
    expect(view.article.updated).toBeNull();
    expect(view.article.hero).toMatchObject({
      caption: 'The pier at dawn.',
      credit: 'Photo: K. Ruden / Agency',
      eager: true,
    });
    expect(view.article.bodyHtml).toBe('<p>Body text.</p>');
    expect(view.page).toMatchObject({
      lang: 'en',
      title: 'The story — Ilmara',
      canonical: 'https://news.example/articles/the-story',
    });
    expect(view.page.og.image?.url).toBe('https://news.example/media/2026/11/m1/w800.jpg');
    expect(view.page.alternates).toEqual([]);
  });

  it('marks a later edit as an update and links translations with hreflang and x-default', () => {
    const view = articlePageView({
      article: article({ language: 'ru', updatedAt: '2026-11-28T10:00:00.000Z' }),
      media: new Map(),
      translations: [{ language: 'en', slug: 'the-original', title: 'The original' }],
      readMore: [],
      site,
    });
    expect(view.article.updated?.iso).toBe('2026-11-28T15:30:00+05:30');
    expect(view.article.updated?.text).toMatch(/28 ноября 2026/);
    expect(view.article.translations).toEqual([
      { lang: 'en', languageName: 'English', title: 'The original', url: '/articles/the-original' },
    ]);
    expect(view.page.alternates.map((a) => a.hreflang)).toEqual(['ru', 'en', 'x-default']);
    expect(view.page.alternates[2]!.url).toBe('https://news.example/articles/the-original');
  });

  it('never offers the article itself in Read more, and at most four', () => {
    const others = [1, 2, 3, 4, 5].map((n) =>
      article({ id: `o${n}`, slug: `other-${n}`, heroMediaId: null }),
    );
    const view = articlePageView({
      article: article(),
      media: new Map(),
      translations: [],
      readMore: [article(), ...others],
      site,
    });
    expect(view.readMore.map((c) => c.url)).toEqual([
      '/articles/other-1',
      '/articles/other-2',
      '/articles/other-3',
      '/articles/other-4',
    ]);
  });

  it("labels embed cards in the article's language", () => {
    const body = {
      type: 'doc',
      content: [
        {
          type: 'embed',
          attrs: {
            provider: 'youtube',
            url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
            title: 'Интервью',
          },
        },
      ],
    } as Article['body'];
    const view = (language: string) =>
      articlePageView({
        article: article({ language, body }),
        media: new Map(),
        translations: [],
        readMore: [],
        site,
      }).article.bodyHtml;
    expect(view('ru')).toContain('>Смотреть на YouTube: <span class="embed__title">Интервью</span></a>');
    expect(view('en')).toContain('>Watch on YouTube: <span class="embed__title">Интервью</span></a>');
  });
});
