import { describe, expect, it } from 'vitest';
import type { Article } from '../../articles/article.types.ts';
import type { PublicMedia } from '../../articles/article-media.ts';
import { feedImageOf, stableEntryId, toFeedEntry } from './feed-entry.ts';

const SITE = 'https://news.example';

function media(id: string, widths: number[]): PublicMedia {
  const variants = widths.flatMap((w) => [
    { url: `${SITE}/media/${id}/w${w}.webp`, width: w, height: (w * 2) / 3, format: 'webp' as const },
    { url: `${SITE}/media/${id}/w${w}.jpg`, width: w, height: (w * 2) / 3, format: 'jpeg' as const },
  ]);
  const main = variants.at(-1)!;
  return {
    id,
    url: main.url,
    width: main.width,
    height: main.height,
    mime: 'image/jpeg',
    caption: 'Lake Tuvor at dawn',
    credit: 'Photo: Ilmara',
    alt: 'A shrinking lake',
    variants,
    srcset: {
      webp: '',
      fallback: variants
        .filter((v) => v.format === 'jpeg')
        .map((v) => `${v.url} ${v.width}w`)
        .join(', '),
    },
  };
}

const article: Article = {
  id: '2C60B8D0-4216-4596-801C-FB0B5BC04D16',
  slug: 'lake-tuvor',
  language: 'en',
  title: 'Lake Tuvor is shrinking',
  standfirst: '',
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'See ' },
          {
            type: 'text',
            text: 'our earlier story',
            marks: [{ type: 'link', attrs: { href: '/articles/earlier' } }],
          },
          { type: 'text', text: ' about the water level, which fell by three metres in a decade.' },
        ],
      },
      {
        type: 'figure',
        attrs: { src: '/media/old.jpg', alt: 'Dry shore', caption: '', credit: '', media_id: 'fig' },
      },
    ],
  },
  bodyText: '',
  status: 'published',
  publishedAt: '2026-11-26T10:00:00.000Z',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-27T09:30:00.000Z',
  translationGroup: null,
  seoTitle: '',
  seoDescription: '',
  canonicalUrl: null,
  heroMediaId: 'hero',
  version: 3,
  authors: [
    {
      id: 'a1',
      name: 'Nika Dorn',
      slug: 'nika-dorn',
      bio: 'A pen name.',
      isPenName: true,
      portraitMediaId: null,
      role: '',
      signalUsername: null,
      pgpFingerprint: null,
    },
  ],
  tags: [
    { id: 't1', name: 'Environment', slug: 'environment', description: '', isSection: true, navOrder: 1 },
  ],
};

describe('toFeedEntry', () => {
  const hero = media('hero', [320, 640, 1200, 2000]);
  const entry = toFeedEntry(article, {
    siteUrl: SITE,
    media: new Map([
      ['hero', hero],
      ['fig', media('fig', [320, 640])],
    ]),
    byteSizes: new Map([[`${SITE}/media/hero/w1200.jpg`, 98_765]]),
  });

  it('carries the full body with every link and image absolute', () => {
    expect(entry.contentHtml).toContain(
      '<a href="https://news.example/articles/earlier">our earlier story</a>',
    );
    expect(entry.contentHtml).toContain('src="https://news.example/media/fig/w640.jpg"');
    expect(entry.contentHtml).toContain('which fell by three metres in a decade.');
    expect(entry.contentHtml).not.toMatch(/(?:href|src)="\//);
  });

  it('uses the byline as published: a pen name and its author page, nothing else', () => {
    expect(entry.authors).toEqual([{ name: 'Nika Dorn', url: 'https://news.example/author/nika-dorn' }]);
  });

  it('keeps a stable id, the canonical URL, dates and a summary from the body', () => {
    expect(entry.id).toBe('urn:uuid:2c60b8d0-4216-4596-801c-fb0b5bc04d16');
    expect(entry.url).toBe('https://news.example/articles/lake-tuvor');
    expect(entry.publishedAt.toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(entry.updatedAt.toISOString()).toBe('2026-11-27T09:30:00.000Z');
    expect(entry.summary).toMatch(/^See our earlier story about the water level/);
    expect(entry.categories).toEqual([{ name: 'Environment', url: 'https://news.example/tag/environment' }]);
  });

  it('attaches a column-width JPEG of the hero with its size, caption and credit', () => {
    expect(entry.image).toEqual({
      url: `${SITE}/media/hero/w1200.jpg`,
      mime: 'image/jpeg',
      width: 1200,
      height: 800,
      bytes: 98_765,
      caption: 'Lake Tuvor at dawn',
      credit: 'Photo: Ilmara',
      alt: 'A shrinking lake',
    });
  });

  it('falls back to the narrowest copy when every copy is wider than a column', () => {
    expect(feedImageOf(media('big', [1600, 2400]), new Map()).url).toBe(`${SITE}/media/big/w1600.jpg`);
  });

  it('falls back to the URL as id for ids that are not UUIDs', () => {
    expect(stableEntryId('imported-42', 'https://news.example/articles/x')).toBe(
      'https://news.example/articles/x',
    );
  });
});
