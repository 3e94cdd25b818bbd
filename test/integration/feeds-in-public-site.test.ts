import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Feeds and sitemaps as the public site mounts them: in the site's scope, sharing the
// container's page cache, which tag, author and settings changes also clear.

describe.each(testDatabases)('feeds and sitemaps inside the public site on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    await seedDemoIfEmpty(t.services, { heroWidth: 320 });
  });
  afterAll(async () => t?.close());

  it('serves the feeds, sitemaps and robots.txt next to the pages', async () => {
    for (const path of [
      '/',
      '/feed.xml',
      '/tag/culture/atom.xml',
      '/author/nika-dorn/feed.json',
      '/sitemap.xml',
    ]) {
      expect((await t.fetch(path)).status, path).toBe(200);
    }
    expect(await (await t.fetch('/robots.txt')).text()).toContain(`Sitemap: ${TEST_SITE_URL}/sitemap.xml`);
    expect((await t.fetch('/feed.json')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await t.fetch('/tag/no-such-tag/feed.xml')).status).toBe(404);
  });

  it('renames a section in its feed as soon as the section is renamed', async () => {
    const title = async () => parseFeed(await (await t.fetch('/tag/culture/feed.xml')).text()).title;
    expect(await title()).toBe('Ilmara: Culture');
    const culture = (await t.services.tags.findBySlug('culture'))!;
    await t.services.tags.update(culture.id, { name: 'Culture and exile' });
    expect(await title()).toBe('Ilmara: Culture and exile');
  });
});
