import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNativePartials } from '../../src/modules/site/index.ts';
import { RERENDER_STALE_PARTS_TASK } from '../../src/modules/site/rendered-parts/index.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Article pages render their body from parts stored when the article was saved. None of that may
// change what a reader gets: every page of the demo is fetched with the stored parts and again
// with none (every body rendered from scratch), and the bytes must be the same. The same crawl
// checks the partials written in TypeScript (theme/native-partials.ts) against their Liquid files.

const LINK = /(?:href|src)="(\/[^"#]*)"|<loc>https?:\/\/[^/<]+(\/[^<]*)<\/loc>/g;
const START = [
  '/',
  '/sitemap.xml',
  '/sitemap-news.xml',
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  '/robots.txt',
];

/** Every page reachable from the home page, the sitemaps and the feeds: path -> status and bytes. */
async function crawl(t: SiteTestApp): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const queue = [...START];
  while (queue.length) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const res = await t.fetch(path);
    const bytes = Buffer.from(await res.arrayBuffer());
    pages.set(path, `${res.status} ${bytes.toString('base64')}`);
    const type = res.headers.get('content-type') ?? '';
    if (!/html|xml/.test(type)) continue;
    for (const m of bytes.toString('utf8').matchAll(LINK)) {
      const next = (m[1] ?? m[2])!.replace(/&amp;/g, '&');
      if (/^\/(admin|media|assets)\//.test(next) || next.startsWith('/admin')) continue;
      if (!pages.has(next)) queue.push(next);
    }
  }
  return pages;
}

describe.each(testDatabases)('stored article parts, on %s', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  }, 300_000);
  afterAll(async () => t?.close());

  const rows = () =>
    t.services.db.kysely.selectFrom('article_renders').select(['article_id', 'renderer']).execute();

  it('are rendered for every article when it is saved', async () => {
    const articles = await t.services.db.kysely.selectFrom('articles').select('id').execute();
    const stored = await rows();
    expect(articles.length).toBeGreaterThan(10);
    expect(stored.map((r) => r.article_id).sort()).toEqual(articles.map((a) => a.id).sort());
    expect(new Set(stored.map((r) => r.renderer))).toEqual(new Set([t.services.renderedParts.renderer]));
  });

  it('make every demo page byte-identical to one rendered from scratch', async () => {
    t.services.pageCache.clear();
    const fromParts = await crawl(t);
    const articlePages = [...fromParts.keys()].filter((p) => /^\/(ru\/)?articles\//.test(p));
    expect(fromParts.size).toBeGreaterThan(100);
    expect(articlePages.length).toBeGreaterThan(10);

    await t.services.db.kysely.deleteFrom('article_renders').execute();
    t.services.pageCache.clear();
    const fromScratch = await crawl(t);
    // From scratch again, every partial through Liquid: the reference the native partials match.
    useNativePartials(false);
    t.services.pageCache.clear();
    const throughLiquid = await crawl(t).finally(() => useNativePartials(true));

    expect([...fromScratch.keys()].sort()).toEqual([...fromParts.keys()].sort());
    expect([...throughLiquid.keys()].sort()).toEqual([...fromParts.keys()].sort());
    const differing = (other: Map<string, string>) =>
      [...fromParts].filter(([path, page]) => other.get(path) !== page).map(([p]) => p);
    expect(differing(fromScratch)).toEqual([]);
    expect(differing(throughLiquid)).toEqual([]);
  }, 300_000);

  it('are what the page shows while current, and ignored once the article or renderer moves on', async () => {
    await t.services.jobs.enqueue(RERENDER_STALE_PARTS_TASK, {});
    await t.services.jobs.runUntilIdle?.();
    const [one] = await rows();
    const article = await t.services.articles.get(one!.article_id);
    if (article.status !== 'published') return; // the demo's first id is published; guard anyway
    const path = `/articles/${article.slug}`;
    const marker = '<p>stored-part-marker</p>';
    await t.services.db.kysely
      .updateTable('article_renders')
      .set({ body_html: marker })
      .where('article_id', '=', article.id)
      .execute();
    t.services.pageCache.clear();
    expect((await t.page(path)).html).toContain(marker);

    // Another renderer made it: stale, so the page renders the body itself, and the sweep redoes it.
    await t.services.db.kysely
      .updateTable('article_renders')
      .set({ renderer: 'v0-older' })
      .where('article_id', '=', article.id)
      .execute();
    t.services.pageCache.clear();
    expect((await t.page(path)).html).not.toContain(marker);
    await t.services.jobs.enqueue(RERENDER_STALE_PARTS_TASK, {});
    await t.services.jobs.runUntilIdle?.();
    const redone = await t.services.db.kysely
      .selectFrom('article_renders')
      .selectAll()
      .where('article_id', '=', article.id)
      .executeTakeFirstOrThrow();
    expect(redone.renderer).toBe(t.services.renderedParts.renderer);
    expect(redone.body_html).not.toContain('stored-part-marker');
  });
});
