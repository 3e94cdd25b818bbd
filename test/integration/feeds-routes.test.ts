import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/container.ts';
import { demoArticles, demoAuthors } from '../../src/modules/demo/index.ts';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (n) => n === 'item',
});
const publishedDemo = (keep: (a: (typeof demoArticles)[number]) => boolean) =>
  demoArticles.filter((a) => a.hoursAgo >= 0 && keep(a)).map((a) => `${TEST_SITE_URL}/articles/${a.slug}`);
const SCHEDULED = demoArticles.find((a) => a.hoursAgo < 0)!.slug;
const REAL_NAMES = demoAuthors.flatMap((a) => (a.realName ? [a.realName] : []));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: Array<
    Record<string, unknown> & { url: string; content_html: string; authors: Array<{ name: string }> }
  >;
}

describe.each(testDatabases)('feeds on %s', (dialect) => {
  let t: TestApp;
  let services: Services;
  let draftSlug: string;
  const get = async (path: string, init?: RequestInit) => {
    const res = await t.fetch(path, init);
    return { res, body: await res.text() };
  };
  const json = async (path: string) => JSON.parse((await get(path)).body) as JsonFeed;
  const urlsOf = async (path: string) => {
    const { body } = await get(path);
    return path.endsWith('.json')
      ? (JSON.parse(body) as JsonFeed).items.map((i) => i.url)
      : parseFeed(body).items.map((i) => i.url);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    services = t.services;
    await seedDemoIfEmpty(services, { heroWidth: 320 });
    const culture = await services.tags.findBySlug('culture');
    const lidia = await services.authors.findBySlug('lidia-marek');
    const draft = await services.articles.create(systemActor, {
      title: 'Unpublished draft about the opera',
      body_html: '<p>Not yet.</p>',
      tag_ids: [culture!.id],
      author_ids: [lidia!.id],
    });
    draftSlug = draft.slug;
  });
  afterAll(async () => t?.close());

  it('serves every feed, parseable by a real feed reader, with the newest article in full and its hero', async () => {
    const newest = (await services.articles.list({ limit: 1 }, { status: 'published' })).items[0]!;
    const hero = (await services.lookupMedia([newest.heroMediaId!])).get(newest.heroMediaId!)!;
    const heroUrls = hero.variants.filter((v) => v.format === 'jpeg').map((v) => v.url);
    // Its closing sentence: an excerpt would have stopped long before.
    const lastSentence = newest.bodyText
      .trim()
      .split(/(?<=[.!?])\s+/)
      .at(-1)!;
    for (const path of ['/feed.xml', '/atom.xml']) {
      const { res, body } = await get(path);
      // Generic XML, so a browser renders it through /feed.xsl (feed-stylesheet.test.ts).
      expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      const feed = parseFeed(body);
      expect(feed.items).toHaveLength(20);
      const first = feed.items[0]!;
      expect(first.url).toBe(`${TEST_SITE_URL}/articles/${newest.slug}`);
      expect(first.title).toBe(newest.title);
      expect(text(first.content ?? '')).toContain(lastSentence);
      expect(text(first.content ?? '').length).toBeGreaterThan(2000);
      expect(first.content).not.toMatch(/(?:src|href)="\//);
      expect(first.media.map((m) => m.url)).toContain(heroUrls.at(-1));
    }
    const rss = xml.parse((await get('/feed.xml')).body).rss.channel;
    const item = rss.item[0];
    expect(item.guid).toEqual({
      '#text': `${TEST_SITE_URL}/articles/${newest.slug}`,
      '@isPermaLink': 'true',
    });
    expect(rss['atom:link']['@href']).toBe(`${TEST_SITE_URL}/feed.xml`);
    expect(rss.language).toBe('en');
    expect(item['media:content']['media:description']['#text']).toBe(hero.caption);
    expect(item['media:content']['media:credit']).toBe(hero.credit);
    // The enclosure states the real size of the file it points at.
    const image = await t.fetch(item.enclosure['@url'].replace(TEST_SITE_URL, ''));
    expect(image.status).toBe(200);
    expect(Number(item.enclosure['@length'])).toBe((await image.arrayBuffer()).byteLength);
  });

  it('serves JSON Feed 1.1 with every item field the spec defines for articles', async () => {
    const { res, body } = await get('/feed.json');
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(body) as JsonFeed;
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Ilmara',
      home_page_url: `${TEST_SITE_URL}/`,
      feed_url: `${TEST_SITE_URL}/feed.json`,
      language: 'en',
    });
    expect(feed.items).toHaveLength(20);
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    for (const item of feed.items) {
      expect(item.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(item.url).toMatch(new RegExp(`^${TEST_SITE_URL}/articles/[a-z0-9-]+$`));
      expect(item.title).toEqual(expect.any(String));
      expect(item.content_html.length).toBeGreaterThan(1500);
      expect(item.date_published).toMatch(rfc3339);
      expect(item.date_modified).toMatch(rfc3339);
      expect(item.authors.length).toBeGreaterThan(0);
      expect(item.image).toMatch(new RegExp(`^${TEST_SITE_URL}/media/.+\\.jpg$`));
      expect(['en', 'ru']).toContain(item.language);
    }
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(20);
    const dates = feed.items.map((i) => Date.parse(i.date_published as string));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('never shows drafts or the scheduled article, in any feed', async () => {
    const paths = [
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/tag/explainers/feed.json',
      '/tag/culture/atom.xml',
    ];
    paths.push(
      '/author/mattis-roen/feed.xml',
      '/author/irena-vask/feed.json',
      '/author/lidia-marek/feed.json',
    );
    for (const path of paths) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(200);
      expect(body, path).not.toContain(SCHEDULED);
      expect(body, path).not.toContain(draftSlug);
      expect(body, path).not.toContain('Unpublished draft');
    }
  });

  it('gives a tag or an author exactly their published articles, under pen names only', async () => {
    const culture = publishedDemo((a) => a.tagSlugs.includes('culture'));
    const nika = publishedDemo((a) => a.authorSlugs.includes('nika-dorn'));
    for (const format of ['feed.xml', 'atom.xml', 'feed.json']) {
      expect(new Set(await urlsOf(`/tag/culture/${format}`))).toEqual(new Set(culture));
      expect(new Set(await urlsOf(`/author/nika-dorn/${format}`))).toEqual(new Set(nika));
    }
    const feed = await json('/author/nika-dorn/feed.json');
    expect(feed.title).toBe('Ilmara: Nika Dorn');
    expect(feed.items.every((i) => i.authors.some((a) => a.name === 'Nika Dorn'))).toBe(true);
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/author/nika-dorn/atom.xml']) {
      const { body } = await get(path);
      for (const realName of REAL_NAMES) expect(body).not.toContain(realName);
    }
  });

  it('answers 404 for a tag or author that does not exist', async () => {
    for (const path of [
      '/tag/no-such-tag/feed.xml',
      '/tag/no-such-tag/atom.xml',
      '/tag/no-such-tag/feed.json',
    ]) {
      expect((await t.fetch(path)).status).toBe(404);
    }
    expect((await t.fetch('/author/nobody/feed.json')).status).toBe(404);
    expect((await t.fetch('/tag/Not%20A%20Slug/feed.xml')).status).toBe(404);
  });

  it('shows a newly published article on the very next request, and drops an unpublished one', async () => {
    const before = await json('/feed.json');
    const culture = await services.tags.findBySlug('culture');
    const created = await services.articles.create(systemActor, {
      title: 'Breaking: the ferry sails again',
      body_html: '<p>It sailed at dawn.</p>',
      tag_ids: [culture!.id],
      status: 'published',
    });
    const after = await json('/feed.json');
    expect(after.items[0]!.url).toBe(`${TEST_SITE_URL}/articles/${created.slug}`);
    expect(after.items[1]!.url).toBe(before.items[0]!.url);
    expect((await urlsOf('/tag/culture/feed.xml'))[0]).toBe(`${TEST_SITE_URL}/articles/${created.slug}`);

    const draft = (await services.articles.findBySlug(draftSlug))!;
    await services.articles.publish(systemActor, draft.id);
    expect((await json('/feed.json')).items[0]!.url).toBe(`${TEST_SITE_URL}/articles/${draftSlug}`);
    await services.articles.unpublish(systemActor, draft.id);
    await services.articles.unpublish(systemActor, created.id);
    expect((await json('/feed.json')).items.map((i) => i.url)).toEqual(before.items.map((i) => i.url));
  });

  it('answers HEAD and a matching If-None-Match without sending the feed again', async () => {
    const first = await t.fetch('/atom.xml');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await t.fetch('/atom.xml', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await t.fetch('/atom.xml', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
    const br = await t.fetch('/atom.xml', { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe(await first.text());
  });
});
