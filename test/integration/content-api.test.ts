import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { demoArticles, demoAuthors } from '../../src/modules/demo/index.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

interface ApiArticle {
  slug: string;
  url: string;
  language: string;
  published_at: string;
  html: string;
  authors: Array<{ name: string; slug: string }>;
  tags: Array<{ slug: string }>;
  hero: { url: string; caption: string; credit: string; alt: string } | null;
  translations: Array<{ language: string; slug: string; url: string }>;
}

describe.each(testDatabases)('Content API on %s', (dialect) => {
  let t: TestApp;
  const published = demoArticles.filter((a) => a.hoursAgo >= 0);
  const get = async <T>(path: string) => {
    const res = await t.fetch(`/api/content/v1${path}`);
    return { res, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await seedDemoIfEmpty(t.services, { heroWidth: 320 });
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists published articles newest first with pagination, never drafts or scheduled ones', async () => {
    const { res, body } = await get<{ articles: ApiArticle[]; meta: { total: number; pages: number } }>(
      '/articles?limit=5',
    );
    expect(res.headers.get('cache-control')).toMatch(/s-maxage=\d+.*stale-while-revalidate/);
    expect(body.meta.total).toBe(published.length);
    expect(body.articles).toHaveLength(5);
    const dates = body.articles.map((a) => a.published_at);
    expect([...dates].sort().reverse()).toEqual(dates);
    const scheduled = demoArticles.find((a) => a.hoursAgo < 0)!;
    const all = await get<{ articles: ApiArticle[] }>('/articles?limit=100');
    expect(all.body.articles.map((a) => a.slug)).not.toContain(scheduled.slug);
    const page2 = await get<{ articles: ApiArticle[] }>('/articles?limit=5&page=2');
    expect(page2.body.articles[0]?.slug).not.toBe(body.articles[0]?.slug);
  });

  it('gives each article its absolute url, html, hero with caption and credit, and translations', async () => {
    const ru = published.find((a) => a.language === 'ru' && a.translationKey)!;
    const en = published.find((a) => a.language === 'en' && a.translationKey === ru.translationKey)!;
    const { body } = await get<{ article: ApiArticle }>(`/articles/${en.slug}`);
    expect(body.article.url).toBe(`${TEST_SITE_URL}/articles/${en.slug}`);
    expect(body.article.html).toContain('<p>');
    expect(body.article.hero).toMatchObject({
      caption: en.hero.caption,
      credit: en.hero.credit,
      alt: en.hero.alt,
    });
    expect(body.article.hero?.url).toMatch(new RegExp(`^${TEST_SITE_URL}/media/`));
    expect(body.article.translations).toEqual([
      expect.objectContaining({ language: 'ru', slug: ru.slug, url: `${TEST_SITE_URL}/articles/${ru.slug}` }),
    ]);
    const back = await get<{ article: ApiArticle }>(`/articles/${ru.slug}`);
    expect(back.body.article.translations.map((x) => x.slug)).toEqual([en.slug]);
  });

  it('filters by tag, author and language', async () => {
    const sample = published.find((a) => a.language === 'en')!;
    const tag = sample.tagSlugs[0]!;
    const byTag = await get<{ articles: ApiArticle[] }>(`/articles?tag=${tag}&limit=100`);
    expect(byTag.body.articles.length).toBe(published.filter((a) => a.tagSlugs.includes(tag)).length);
    expect(byTag.body.articles.every((a) => a.tags.some((x) => x.slug === tag))).toBe(true);
    const author = sample.authorSlugs[0]!;
    const byAuthor = await get<{ articles: ApiArticle[] }>(`/articles?author=${author}&limit=100`);
    expect(byAuthor.body.articles.length).toBe(
      published.filter((a) => a.authorSlugs.includes(author)).length,
    );
    const ru = await get<{ articles: ApiArticle[] }>('/articles?language=ru&limit=100');
    expect(ru.body.articles.length).toBe(published.filter((a) => a.language === 'ru').length);
    expect(ru.body.articles.every((a) => a.language === 'ru')).toBe(true);
  });

  it('shows pen names only as pen names', async () => {
    const pen = demoAuthors.find((a) => a.isPenName)!;
    const everything = JSON.stringify([
      (await get('/articles?limit=100')).body,
      (await get('/authors')).body,
      (await get(`/articles?author=${pen.slug}`)).body,
    ]);
    expect(everything).toContain(pen.name);
    expect(everything).not.toContain(pen.realName!);
  });

  it('answers bad queries with 400 and unknown slugs with 404, in the error shape', async () => {
    for (const q of ['?limit=0', '?limit=abc', '?page=-1', '?tag=Not%20A%20Slug', '?language=english']) {
      const { res, body } = await get<{ error: { code: string } }>(`/articles${q}`);
      expect(res.status, q).toBe(400);
      expect(body.error.code).toBe('invalid_input');
    }
    const missing = await get<{ error: { code: string } }>('/articles/no-such-article');
    expect(missing.res.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await t.fetch(`/api/content/v1/articles/${'a'.repeat(5000)}`)).status).toBe(400);
    expect((await t.fetch('/api/content/v1/articles/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });

  it('answers conditional requests with 304', async () => {
    const first = await t.fetch('/api/content/v1/tags');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const second = await t.fetch('/api/content/v1/tags', { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });

  it('keeps nothing for made-up filter values, however many arrive', async () => {
    await get('/articles?tag=economy');
    const entries = t.services.pageCache.size;
    const bytes = t.services.pageCache.byteSize;
    for (let i = 0; i < 40; i++) {
      const { res, body } = await get<{ articles: unknown[]; meta: { total: number } }>(
        `/articles?tag=no-such-tag-${i}&author=nobody-${i}`,
      );
      expect(res.status).toBe(200);
      expect(body.articles).toEqual([]);
      expect(body.meta.total).toBe(0);
      // Past the last page of a real tag is just as empty, and just as endless.
      expect(
        (await get<{ articles: unknown[] }>(`/articles?tag=economy&page=${500 + i}`)).body.articles,
      ).toEqual([]);
    }
    expect(t.services.pageCache.size).toBe(entries);
    expect(t.services.pageCache.byteSize).toBe(bytes);
  });
});
