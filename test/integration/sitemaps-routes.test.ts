import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/container.ts';
import { demoArticles } from '../../src/modules/demo/index.ts';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { validateXml, xmllintMissing } from '../fixtures/xsd/validate-xml.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

/** Small enough that the demo's 23 published articles need several child sitemaps. */
const PAGE_SIZE = 5;
const HOUR = 3_600_000;
const parser = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });
const lint = it.skipIf(xmllintMissing);

describe.each(testDatabases)('sitemaps on %s', (dialect) => {
  let t: TestApp;
  let services: Services;
  // The routes' clock: a minute after the demo was seeded, so "48 hours ago" is unambiguous.
  const seededAt = new Date(Date.now() - 60_000);
  const now = new Date(seededAt.getTime() + 60_000);
  const get = async (path: string) => {
    const res = await t.fetch(path);
    return { res, body: await res.text() };
  };
  const locs = (doc: string, root: 'urlset' | 'sitemapindex') => {
    const items = (parser.parse(doc)[root]?.[root === 'urlset' ? 'url' : 'sitemap'] ?? []) as Array<{
      loc: string;
    }>;
    return items.map((i) => i.loc);
  };
  const children = async () => locs((await get('/sitemap.xml')).body, 'sitemapindex');
  const published = async () =>
    (
      await services.db.kysely
        .selectFrom('articles')
        .select('slug')
        .where('status', '=', 'published')
        .execute()
    ).map((r) => `${TEST_SITE_URL}/articles/${r.slug}`);
  const articleUrlsInSitemaps = async () => {
    const urls: string[] = [];
    for (const child of (await children()).filter((c) => c.includes('/articles-'))) {
      urls.push(...locs((await get(child.replace(TEST_SITE_URL, ''))).body, 'urlset'));
    }
    return urls;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: { sitemaps: { pageSize: PAGE_SIZE, now: () => now } } });
    services = t.services;
    await seedDemoIfEmpty(services, { heroWidth: 320, now: seededAt });
    await services.articles.create(systemActor, {
      title: 'A draft nobody should crawl',
      body_html: '<p>Draft.</p>',
    });
  });
  afterAll(async () => t?.close());

  it('splits articles into child sitemaps that together list every published article exactly once', async () => {
    const index = await get('/sitemap.xml');
    expect(index.res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const expected = await published();
    expect(expected.length).toBe(demoArticles.filter((a) => a.hoursAgo >= 0).length);
    const articleChildren = (await children()).filter((c) => c.includes('/articles-'));
    expect(articleChildren).toEqual(
      Array.from(
        { length: Math.ceil(expected.length / PAGE_SIZE) },
        (_, i) => `${TEST_SITE_URL}/sitemaps/articles-${i + 1}.xml`,
      ),
    );
    const listed = await articleUrlsInSitemaps();
    expect(listed.length).toBe(expected.length);
    expect(new Set(listed)).toEqual(new Set(expected));
    const all = (await get('/sitemap.xml')).body + listed.join('\n');
    expect(all).not.toContain(demoArticles.find((a) => a.hoursAgo < 0)!.slug);
    expect(all).not.toContain('a-draft-nobody-should-crawl');
  });

  it('gives each article its last change as lastmod, oldest publications first', async () => {
    const rows = await services.db.kysely
      .selectFrom('articles')
      .select(['slug', 'updated_at'])
      .where('status', '=', 'published')
      .orderBy('published_at')
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute();
    const first = parser.parse((await get('/sitemaps/articles-1.xml')).body).urlset.url as Array<
      Record<string, string>
    >;
    expect(first).toEqual(
      rows.map((r) => ({
        loc: `${TEST_SITE_URL}/articles/${r.slug}`,
        lastmod: new Date(r.updated_at).toISOString().replace(/\.\d+Z$/, 'Z'),
      })),
    );
  });

  it('lists home, sections, tags and authors in the pages sitemaps', async () => {
    const pageChildren = (await children()).filter((c) => c.includes('/pages-'));
    const urls: string[] = [];
    for (const child of pageChildren)
      urls.push(...locs((await get(child.replace(TEST_SITE_URL, ''))).body, 'urlset'));
    expect(urls[0]).toBe(`${TEST_SITE_URL}/`);
    for (const path of [
      '/tag/investigations',
      '/tag/culture',
      '/tag/censorship',
      '/author/nika-dorn',
      '/author/irena-vask',
    ]) {
      expect(urls).toContain(`${TEST_SITE_URL}${path}`);
    }
    expect(new Set(urls).size).toBe(urls.length);
    expect(pageChildren.length).toBe(Math.ceil(urls.length / PAGE_SIZE));
  });

  lint('validates the index and every child against the sitemap schema', async () => {
    const index = await get('/sitemap.xml');
    expect(validateXml(index.body, 'sitemap')).toEqual({ valid: true, messages: '- validates' });
    for (const child of await children()) {
      const { res, body } = await get(child.replace(TEST_SITE_URL, ''));
      expect(res.status, child).toBe(200);
      expect(validateXml(body, 'sitemap'), child).toEqual({ valid: true, messages: '- validates' });
    }
  });

  it('answers 404 for child sitemaps that do not exist', async () => {
    const last = (await children()).filter((c) => c.includes('/articles-')).length;
    for (const path of [
      `/sitemaps/articles-${last + 1}.xml`,
      '/sitemaps/pages-99.xml',
      '/sitemaps/articles-0.xml',
    ]) {
      expect((await t.fetch(path)).status, path).toBe(404);
    }
    expect((await t.fetch('/sitemaps/tags-1.xml')).status).toBe(404);
  });

  it('lists in the news sitemap exactly the articles of the last 48 hours, and validates', async () => {
    await services.articles.create(systemActor, {
      title: 'Forty-nine hours old',
      body_html: '<p>Old news.</p>',
      status: 'published',
      published_at: new Date(now.getTime() - 49 * HOUR).toISOString(),
    });
    const { res, body } = await get('/sitemap-news.xml');
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const recent = demoArticles.filter((a) => a.hoursAgo >= 0 && a.hoursAgo * HOUR + 60_000 <= 48 * HOUR);
    expect(new Set(locs(body, 'urlset'))).toEqual(
      new Set(recent.map((a) => `${TEST_SITE_URL}/articles/${a.slug}`)),
    );
    const news = parser.parse(body).urlset.url as Array<{
      'news:news': Record<string, Record<string, string>>;
    }>;
    const ru = news.find((u) => u['news:news']['news:publication']!['news:language'] === 'ru');
    expect(ru).toBeDefined();
    expect(news[0]!['news:news']['news:publication']).toEqual({
      'news:name': 'Ilmara',
      'news:language': 'en',
    });
    expect(body).not.toContain('forty-nine-hours-old');
    if (!xmllintMissing) expect(validateXml(body, 'news')).toEqual({ valid: true, messages: '- validates' });
  });

  it('serves robots.txt that allows all but the admin and names both sitemaps', async () => {
    const { res, body } = await get('/robots.txt');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(body).toBe(
      [
        'User-agent: *',
        'Allow: /',
        'Disallow: /api/admin/',
        'Disallow: /admin',
        '',
        `Sitemap: ${TEST_SITE_URL}/sitemap.xml`,
        `Sitemap: ${TEST_SITE_URL}/sitemap-news.xml`,
        '',
      ].join('\n'),
    );
  });

  it('lists a newly published article on the very next request', async () => {
    const beforeIndex = await get('/sitemap.xml');
    await get('/sitemap-news.xml');
    const created = await services.articles.create(systemActor, {
      title: 'Just published',
      body_html: '<p>Fresh.</p>',
      status: 'published',
    });
    const url = `${TEST_SITE_URL}/articles/${created.slug}`;
    expect((await get('/sitemap.xml')).body).not.toBe(beforeIndex.body);
    expect(await articleUrlsInSitemaps()).toContain(url);
    expect(locs((await get('/sitemap-news.xml')).body, 'urlset')).toContain(url);
    expect(new Set(await articleUrlsInSitemaps())).toEqual(new Set(await published()));
  });

  it('answers HEAD and a matching If-None-Match with headers only', async () => {
    const first = await t.fetch('/sitemap.xml');
    const etag = first.headers.get('etag')!;
    const again = await t.fetch('/sitemap.xml', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await t.fetch('/sitemaps/articles-1.xml', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    expect(await head.text()).toBe('');
  });
});
