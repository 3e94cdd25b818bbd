import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { testDatabases } from '../support/test-db.ts';
import { SITE_TEST_TIMEZONE, startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';

// What a reader may see (src/domain/reader-visibility.ts), checked in every output that lists or
// shows articles. Next to a published article stand a draft dated in the past (only the status
// hides it), a scheduled one (status and date hide it), a withdrawn one and a draft translation,
// all in the same section, by the same author, with the same words. Each output must show the
// published one (so it is really listing) and none of the others.

const HOUR = 3_600_000;
const WORDS = 'Zephyrine lighthouse keepers';
const HIDDEN = ['zeph-draft', 'zeph-scheduled', 'zeph-withdrawn', 'zeph-draft-ru'];

describe.each(testDatabases)('what readers may see (%s)', (dialect) => {
  let t: SiteTestApp;
  let monthPath: string;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect, { seed: false });
    const { articles, tags, authors } = t.services;
    const tag = await tags.create({
      name: 'Coast',
      slug: 'coast',
      description: '',
      is_section: true,
      nav_order: 1,
    });
    const author = await authors.create({ name: 'Ada Vell', slug: 'ada-vell', bio: '', is_pen_name: false });
    const story = (slug: string, extra: Record<string, unknown>) =>
      articles.create(systemActor, {
        title: `${WORDS}: ${slug}`,
        slug,
        standfirst: `${WORDS} walk out along the coast.`,
        body_html: `<p>${WORDS} walk out along the coast, and the lamps go dark.</p>`,
        language: 'en',
        tag_ids: [tag.id],
        author_ids: [author.id],
        ...extra,
      } as Parameters<typeof articles.create>[1]);
    const now = Date.now();
    await story('zeph-older', { status: 'published', published_at: new Date(now - 2 * HOUR).toISOString() });
    const published = await story('zeph-published', { status: 'published' });
    await story('zeph-draft', { status: 'draft', published_at: new Date(now - HOUR).toISOString() });
    await story('zeph-scheduled', { status: 'scheduled', published_at: new Date(now + HOUR).toISOString() });
    const withdrawn = await story('zeph-withdrawn', { status: 'published' });
    await articles.unpublish(systemActor, withdrawn.id);
    await story('zeph-draft-ru', { status: 'draft', language: 'ru', translation_of: published.id });
    // Index the articles and compute Read more, as a worker would.
    await t.services.jobs.runUntilIdle?.();

    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: SITE_TEST_TIMEZONE,
      year: 'numeric',
      month: '2-digit',
    }).formatToParts(new Date(now + HOUR));
    const part = (type: string) => parts.find((p) => p.type === type)!.value;
    monthPath = `/archive/${part('year')}/${part('month')}`;
  }, 120_000);
  afterAll(async () => t?.close());

  const body = async (path: string) => {
    const res = await t.fetch(path);
    const text = await res.text();
    expect(res.status, path).toBe(200);
    return text;
  };
  const expectOnlyVisible = (path: string, text: string) => {
    expect(text, `${path} lists the published article`).toContain('zeph-published');
    for (const slug of HIDDEN)
      expect(text, `${path} shows ${slug}`).not.toMatch(new RegExp(`${slug}(?![\\w-])`));
  };

  it('lists only published articles on the home, section, author, archive and search pages', async () => {
    for (const path of ['/', '/tag/coast', '/author/ada-vell', monthPath, '/search?q=zephyrine']) {
      expectOnlyVisible(path, await body(path));
    }
  });

  it('lists only published articles in the feeds', async () => {
    for (const path of [
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/tag/coast/feed.xml',
      '/author/ada-vell/atom.xml',
    ]) {
      expectOnlyVisible(path, await body(path));
    }
  });

  it('lists only published articles in the sitemaps', async () => {
    const index = await body('/sitemap.xml');
    const children = [...index.matchAll(/<loc>https:\/\/news\.example(\/[^<]*)<\/loc>/g)].map((m) => m[1]!);
    const all = (await Promise.all(children.map(body))).join('\n');
    expectOnlyVisible('the child sitemaps', all);
    expectOnlyVisible('/sitemap-news.xml', await body('/sitemap-news.xml'));
  });

  it('answers only published articles in the Content API', async () => {
    expectOnlyVisible('/api/content/v1/articles', await body('/api/content/v1/articles?limit=100'));
    for (const slug of HIDDEN) {
      const res = await t.fetch(`/api/content/v1/articles/${slug}`);
      await res.arrayBuffer();
      expect(res.status, slug).toBe(404);
    }
  });

  it('shows no unpublished article, translation or Read more card on an article page', async () => {
    expectOnlyVisible('the article page', await body('/articles/zeph-older'));
    const own = await body('/articles/zeph-published');
    for (const slug of HIDDEN) expect(own).not.toMatch(new RegExp(`${slug}(?![\\w-])`));
    for (const slug of ['zeph-draft', 'zeph-scheduled', 'zeph-draft-ru']) {
      const res = await t.fetch(`/articles/${slug}`);
      await res.arrayBuffer();
      expect(res.status, slug).toBe(404);
    }
    const gone = await t.fetch('/articles/zeph-withdrawn');
    await gone.arrayBuffer();
    expect(gone.status).toBe(410);
  });
});
