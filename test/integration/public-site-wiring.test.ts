import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { demoArticles } from '../../src/modules/demo/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

/** The site as `samizdat serve` wires it: engine-backed Read more, feeds, sitemaps, one cache. */
describe.each(testDatabases)('the public site as served, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    await seedDemoIfEmpty(t.services, { heroWidth: 320 });
    // The relatedness jobs queued by seeding run in the worker.
    await t.services.jobs.runUntilIdle?.();
  }, 180_000);
  afterAll(async () => t?.close());

  const readMore = (html: string) => {
    const section = /<section class="read-more"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    return [...section.matchAll(/class="card__title"[^>]*><a href="\/articles\/([^"]+)"/g)].map((m) => m[1]);
  };

  it('fills Read more from the relatedness engine', async () => {
    const page = await t.services.articles.list({ limit: 30 }, { status: 'published', language: 'en' });
    let checked = 0;
    for (const article of page.items) {
      const ids = await t.services.relatedArticleIds(article.id, 4);
      if (ids.length === 0) continue;
      const html = await (await t.fetch(`/articles/${article.slug}`)).text();
      const shown = readMore(html);
      const slugs = await Promise.all(ids.map(async (id) => (await t.services.articles.get(id)).slug));
      expect(shown.slice(0, slugs.length)).toEqual(slugs);
      expect(shown).not.toContain(article.slug);
      expect(shown.length).toBeLessThanOrEqual(4);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("captions a translated article's photo in the article's own language", async () => {
    const russian = demoArticles.filter((a) => a.language === 'ru' && a.hoursAgo >= 0);
    expect(russian.length).toBeGreaterThan(0);
    for (const demo of russian) {
      const html = await (await t.fetch(`/articles/${demo.slug}`)).text();
      const figcaption = /<figcaption[\s\S]*?<\/figcaption>/.exec(html)?.[0] ?? '';
      expect(figcaption, demo.slug).toContain(demo.hero.credit);
      expect(figcaption).toMatch(/[а-яё]{4}/i);
      expect(html).toContain(`alt="${demo.hero.alt}"`);
    }
  });

  it('serves feeds, sitemaps and robots.txt beside the pages', async () => {
    for (const path of [
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/sitemap.xml',
      '/sitemap-news.xml',
      '/robots.txt',
    ]) {
      expect((await t.fetch(path)).status, path).toBe(200);
    }
    expect(await (await t.fetch('/robots.txt')).text()).toMatch(/Sitemap: https?:\/\/\S+\/sitemap\.xml/);
  });

  it('shows a renamed section and an edited photo credit on the very next request', async () => {
    const section = (await t.services.tags.list({ sectionsOnly: true }))[0]!;
    await t.fetch('/');
    await t.services.tags.update(section.id, { name: 'Renamed Desk' });
    expect(await (await t.fetch('/')).text()).toContain('Renamed Desk');

    const article = (await t.services.articles.list({ limit: 1 }, { status: 'published' })).items[0]!;
    await t.fetch(`/articles/${article.slug}`);
    await t.services.media.updateDetails(systemActor, article.heroMediaId!, {
      credit: 'Corrected Credit / Desk',
    });
    expect(await (await t.fetch(`/articles/${article.slug}`)).text()).toContain('Corrected Credit / Desk');
    const feed = await (await t.fetch('/feed.json')).text();
    expect(feed).toContain('Corrected Credit / Desk');
  });

  it('leaves every listing cached while a draft is edited, and refreshes them when it goes live', async () => {
    const draft = await t.services.articles.create(systemActor, {
      title: 'Draft about the harbour strike',
      body_html: '<p>Not yet.</p>',
    });
    await t.fetch('/');
    await t.fetch('/feed.json');
    const home = t.services.pageCache.get('page:/');
    const feed = t.services.pageCache.get('/feed.json');
    expect(home).toBeDefined();
    expect(feed).toBeDefined();
    await t.services.articles.update(systemActor, draft.id, {
      title: 'Draft about the harbour strike, revised',
      version: draft.version,
    });
    expect(t.services.pageCache.get('page:/')).toBe(home);
    expect(t.services.pageCache.get('/feed.json')).toBe(feed);

    await t.services.articles.publish(systemActor, draft.id);
    expect(t.services.pageCache.get('page:/')).toBeUndefined();
    expect(await (await t.fetch('/')).text()).toContain('Draft about the harbour strike, revised');
    expect(await (await t.fetch('/feed.json')).text()).toContain('Draft about the harbour strike, revised');
  });

  it('answers a 404 without asking the database for its latest stories each time', async () => {
    const first = await t.fetch('/articles/no-such-story-1');
    expect(first.status).toBe(404);
    const list = vi.spyOn(t.services.articles, 'list');
    try {
      for (let i = 2; i < 12; i++) {
        const res = await t.fetch(`/articles/no-such-story-${i}`);
        expect(res.status).toBe(404);
        expect(await res.text()).toBe(await (await t.fetch('/no/such/page')).text());
      }
      expect(list).not.toHaveBeenCalled();
      // A story going live is among the latest stories of the next 404.
      const story = await t.services.articles.create(systemActor, {
        title: 'Ferry service resumes after the storm',
        body_html: '<p>Boats again.</p>',
        status: 'published',
      });
      expect(await (await t.fetch('/articles/no-such-story-99')).text()).toContain(story.title);
      expect(list).toHaveBeenCalledTimes(1);
    } finally {
      list.mockRestore();
    }
  });
});
