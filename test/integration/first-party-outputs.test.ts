import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../support/admin-client.ts';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { foreignResourceUrls } from '../support/foreign-urls.ts';
import { serve, startImageStandIn, type ImageStandIn } from '../support/image-stand-in.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { TEST_SITE_URL } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Nothing we publish makes a reader's browser or feed reader fetch from another origin. After an
// article with images from another site (the stand-in) is saved into the demo publication, every
// output is scanned for src, srcset, poster and CSS url() pointing anywhere but SITE_URL: every
// page the sitemaps list, their stylesheets, the feeds, the Content API and the sitemaps.

const MAX_OUTPUTS = 2000;

/** The absolute URLs in a sitemap's <loc> elements, as paths on the test server. */
const locs = (xml: string) =>
  [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
    const url = new URL(m[1]!.replace(/&amp;/g, '&'));
    expect(url.origin).toBe(TEST_SITE_URL);
    return url.pathname + url.search;
  });

describe.each(testDatabases)('every output names only first-party resources (%s)', (dialect) => {
  let site: ImageStandIn;
  let t: SiteTestApp;
  let slug: string;

  beforeAll(async () => {
    site = await startImageStandIn({ '/photo.jpg': serve('image/jpeg', await cameraJpeg(800, 600)) });
    t = await startSiteTestApp(dialect, { env: { REMOTE_FETCH_ALLOW_ADDRESSES: '127.0.0.1' } });
    const admin = adminClient(t, await t.key('editor'));
    const created = await admin.post<{ article: { slug: string }; warnings: Array<{ code: string }> }>(
      '/articles',
      {
        title: 'Photos from the reservoir',
        status: 'published',
        standfirst: 'What the drought left.',
        body_html:
          `<p>The water is gone.</p><figure><img src="${site.origin}/photo.jpg" alt="Cracked mud">` +
          `<figcaption>The bed <span class="credit">Agency</span></figcaption></figure>` +
          `<p>And a picture that is not there:</p><img src="${site.origin}/missing.jpg" alt="Gone">`,
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.warnings.map((w) => w.code)).toEqual(['remote_image_dropped']);
    slug = created.body.article.slug;
    await t.services.jobs.runUntilIdle?.();
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
  });

  it('pages, stylesheets, feeds, the Content API and sitemaps name no other origin', async () => {
    const outputs = new Map<string, string>();
    const read = async (path: string) => {
      if (outputs.has(path) || outputs.size >= MAX_OUTPUTS) return outputs.get(path) ?? '';
      const res = await t.fetch(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      outputs.set(path, text);
      return text;
    };

    const sitemapIndex = await read('/sitemap.xml');
    const pages = new Set<string>(['/']);
    for (const sitemap of locs(sitemapIndex)) for (const page of locs(await read(sitemap))) pages.add(page);
    await read('/sitemap-news.xml');
    expect(pages).toContain(`/articles/${slug}`);
    for (const page of pages) {
      const html = await read(page);
      for (const [, href] of html.matchAll(/<link\s[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g))
        await read(href!);
    }
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) await read(feed);
    const api = JSON.parse(await read('/api/content/v1/articles?limit=100')) as {
      articles: Array<{ slug: string }>;
    };
    for (const article of api.articles) await read(`/api/content/v1/articles/${article.slug}`);
    await read('/api/content/v1/tags');
    await read('/api/content/v1/authors');

    // The scan must see our copy of the photo, or it would pass on pages without images.
    const page = outputs.get(`/articles/${slug}`)!;
    expect(page).toMatch(/srcset="[^"]*\/media\//);
    expect(outputs.get('/feed.json')).toContain('/media/');

    const standIn = new URL(site.origin).host;
    const found: string[] = [];
    for (const [path, text] of outputs) {
      for (const url of foreignResourceUrls(text, TEST_SITE_URL)) found.push(`${path}: ${url}`);
      if (text.includes(standIn)) found.push(`${path}: mentions ${standIn}`);
    }
    expect(found).toEqual([]);
    expect(outputs.size).toBeGreaterThan(30);
  });
});

describe('foreignResourceUrls', () => {
  it('finds other origins in src, srcset, poster and url(), escaped in XML or inside JSON', () => {
    const html =
      '<img src="/media/a.jpg" srcset="https://news.example/m/1.jpg 1x, https://cdn.example/2.jpg 2x">' +
      '<video poster=\'https://tracker.example/p.png\'></video><div style="background:url(//fonts.example/f.woff)">' +
      '<img src="https://news.example/ok.png">';
    expect(foreignResourceUrls(html, TEST_SITE_URL).sort()).toEqual([
      '//fonts.example/f.woff',
      'https://cdn.example/2.jpg',
      'https://tracker.example/p.png',
    ]);
    const xml = '<description>&lt;img src=&quot;http://evil.example/x.gif&quot;&gt;</description>';
    expect(foreignResourceUrls(xml, TEST_SITE_URL)).toEqual(['http://evil.example/x.gif']);
    const json = JSON.stringify({ content_html: '<img src="https://evil.example/y.gif">' });
    expect(foreignResourceUrls(json, TEST_SITE_URL)).toEqual(['https://evil.example/y.gif']);
  });
});
