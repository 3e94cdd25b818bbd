import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { hostileQueries } from '../support/hostile-queries.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { between, rawGet } from '../support/html-probe.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

describe.each(testDatabases)('search and error pages (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('finds an inflected English word and marks what matched', async () => {
    // "measuring" is nowhere in the text; "measured" and "measure" are.
    const { status, html } = await t.page('/search?q=measuring');
    expect(status).toBe(200);
    expect(html).toContain('href="/articles/lake-tuvor-is-shrinking-satellite-images"');
    expect(html).toMatch(/<mark>measure[ds]?<\/mark>/i);
    expect(html).toContain('<meta name="robots" content="noindex, follow">');
    expect(html).toContain('value="measuring"');
  });

  it('finds an inflected Russian word, and speaks Russian when filtered to Russian', async () => {
    const { status, html } = await t.page(`/search?q=${encodeURIComponent('озера')}&lang=ru`);
    expect(status).toBe(200);
    expect(html).toMatch(/^<!doctype html>\n<html lang="ru"/);
    expect(html).toContain('href="/articles/ozero-tuvor-meleet-sputnikovye-snimki"');
    expect(html).toMatch(/<mark>[Оо]зер[а-я]*<\/mark>/);
    expect(html).toMatch(/Найден[оа] \d+ стат/);
    expect(html).not.toContain('href="/articles/lake-tuvor-is-shrinking-satellite-images"');
  });

  it('answers hostile queries with a page, never an error', async () => {
    // Node refuses request heads over 16 KB (431) before any application code runs; the rest
    // of the list, the 10,000-character query included, reaches the search.
    // Browsers send a lone surrogate as U+FFFD; encodeURIComponent would throw on it.
    const encode = (q: string) => encodeURIComponent(q.replace(LONE_SURROGATE, '\uFFFD'));
    const fits = hostileQueries.filter((q) => encode(q).length < 12_000);
    expect(fits.length).toBeGreaterThan(40);
    for (const q of [...fits, 'a'.repeat(10_000)]) {
      const encoded = encode(q);
      const response = await t.fetch(`/search?q=${encoded}&page=2&page=x&lang[]=1&unknown=1`);
      expect(response.status, JSON.stringify(q.slice(0, 40))).toBe(200);
      const html = await response.text();
      expect(html).not.toContain('<script>alert');
      // The query shown back is capped, never the whole 10,000 characters.
      expect(html.length).toBeLessThan(60_000);
    }
    for (const raw of [
      'q=%00%00&page=99999999',
      'q=%ED%A0%80%FF%FE',
      'q=%',
      'q=%zz&lang=%00',
      'q[]=a&q[]=b',
    ]) {
      const response = await rawGet(t.baseUrl, `/search?${raw}`);
      expect(response.status, raw).toBe(200);
    }
  });

  it('answers unknown, traversing, NUL and absurdly long slugs with the 404 page', async () => {
    const paths = [
      '/articles/no-such-article',
      '/articles/..%2f..%2fetc%2fpasswd',
      '/articles/../../etc/passwd',
      '/articles/a%00b',
      '/articles/%00',
      `/articles/${'a'.repeat(200)}`,
      `/articles/${'a'.repeat(5000)}`,
      '/tag/%2e%2e',
      '/author/nika-dorn%00',
      '/tag/economy/page/0',
      '/tag/economy/page/99',
      '/page/abc',
      '/no/such/page',
      '/articles/Lake-Tuvor',
    ];
    for (const path of paths) {
      // Sent as written: fetch() would resolve "%2e%2e" and "../" itself before sending.
      const response = await rawGet(t.baseUrl, path);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^text\/html/);
      const html = response.body.toString('utf8');
      expect(html, path).toContain('<h1 class="listing__title">Page not found</h1>');
      expect(html, path).toContain('<form class="search-form" role="search"');
      expect(response.headers['content-security-policy'], path).toContain("default-src 'none'");
    }
    const page = await t.page('/articles/no-such-article');
    expect(between(page.html, 'error-page__suggestions', '</aside>')).toMatch(/href="\/articles\//);
    expect(page.html).toContain('<meta name="robots" content="noindex">');
  });

  it('answers 410 Gone in the article language once it is unpublished, and 404 for a draft', async () => {
    const article = await t.services.articles.findBySlug('ozero-tuvor-meleet-sputnikovye-snimki');
    expect((await t.page('/articles/ozero-tuvor-meleet-sputnikovye-snimki')).status).toBe(200);
    await t.services.articles.unpublish(systemActor, article!.id);
    const gone = await t.page('/articles/ozero-tuvor-meleet-sputnikovye-snimki');
    expect(gone.status).toBe(410);
    expect(gone.html).toMatch(/^<!doctype html>\n<html lang="ru"/);
    expect(gone.html).toContain('Эта статья больше недоступна');
    // The English original no longer offers the withdrawn translation.
    const en = await t.page('/articles/lake-tuvor-is-shrinking-satellite-images');
    expect(en.html).not.toContain('hreflang="ru"');

    const draft = await t.services.articles.create(systemActor, {
      title: 'An unfinished draft',
      status: 'draft',
    });
    expect((await t.page(`/articles/${draft.slug}`)).status).toBe(404);
    expect((await t.page('/articles/referendum-day-how-we-will-cover-the-vote')).status).toBe(404);
  });
});
