// An incremental mirror export after a publish, against a full export of the same state: every
// file but the listing pages it documents as left until the next full export (later pages of a
// listing, which shift by one story, and the "latest" aside of other listing pages) is
// byte-identical (article pages but for their Read more, topped up with the newest stories), and of
// the article sitemaps only those from the new story's on are rendered.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { exportMirror } from '../../src/web/mirror/index.ts';
import { MANIFEST_FILE } from '../../src/web/mirror/mirror-manifest-store.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

/** Every file under `dir` (relative, "/"-separated) with its bytes, the manifest left out. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
    }
  };
  walk(dir);
  out.delete(MANIFEST_FILE);
  return out;
}

/** Listing pages other than a listing's first (home, tag, author, archive: /page/N), or any archive page. */
const LISTING_PAGE = /^([a-z]{2}\/)?((tag|author)\/[^/]+\/|archive\/.*|)(page\/\d+\/)?index\.html$/;

const ARTICLE_PAGE = /^articles\/[^/]+\/index\.html$/;
const withoutReadMore = (page: Buffer) =>
  page.toString('utf8').replace(/<section class="read-more"[\s\S]*?<\/section>/, '');

const SITEMAP_SIZE = 10;

describe.each(testDatabases)('incremental mirror export after a publish on %s', (dialect) => {
  let t: SiteTestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
    dir = tempDir('mirror-incremental');
    await exportMirror(t.services, { dir, sitemapPageSize: SITEMAP_SIZE });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('matches a full export but for the listing pages it leaves, and renders only the last article sitemaps', async () => {
    const before = tree(dir);
    const sitemaps = [...before.keys()].filter((f) => /^sitemaps\/articles-\d+\.xml$/.test(f));
    expect(sitemaps.length).toBeGreaterThan(2);
    const created = await t.services.articles.create(systemActor, {
      title: 'A story published after the mirror',
      standfirst: 'Short.',
      body_html: '<p>Body.</p>',
      language: 'en',
      status: 'published',
    });
    const result = await exportMirror(t.services, { dir, sitemapPageSize: SITEMAP_SIZE });
    expect(result.mode).toBe('incremental');
    const after = tree(dir);
    const full = tempDir('mirror-incremental-full');
    await exportMirror(t.services, { dir: full, sitemapPageSize: SITEMAP_SIZE });
    const fresh = tree(full);
    expect([...after.keys()]).toEqual([...fresh.keys()]);
    const differing = [...fresh.keys()].filter((f) => !fresh.get(f)!.equals(after.get(f)!));
    expect(differing.filter((f) => !LISTING_PAGE.test(f) && !ARTICLE_PAGE.test(f))).toEqual([]);
    // An article page's Read more, topped up with the newest stories, is left as it was (as the
    // server's own cache leaves it); the rest of the page is what a full export gives.
    for (const file of differing.filter((f) => ARTICLE_PAGE.test(f))) {
      expect(withoutReadMore(after.get(file)!), file).toBe(withoutReadMore(fresh.get(file)!));
    }
    // The head pages the story is on now are up to date.
    for (const file of ['index.html', 'feed.xml', 'sitemap.xml', `articles/${created.slug}/index.html`]) {
      expect(differing, file).not.toContain(file);
    }
    // The new story is the newest: only the last article sitemap (or a new one) changed.
    const touched = [...after.keys()].filter(
      (f) => /^sitemaps\/articles-\d+\.xml$/.test(f) && !before.get(f)?.equals(after.get(f)!),
    );
    expect(touched).toEqual([sitemaps.at(-1)!].concat(touched.length > 1 ? [touched.at(-1)!] : []));
    expect(readFileSync(join(dir, touched.at(-1)!), 'utf8')).toContain(created.slug);
  }, 120_000);
});
