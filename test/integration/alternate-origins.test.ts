import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { rawGet } from '../support/html-probe.ts';

// ALTERNATE_ORIGINS: a page asked for on a listed origin links there, canonical stays on
// SITE_URL; any other Host header changes nothing and is never cached for anyone else.

const ONION_HOST = `${'b'.repeat(56)}.onion`;
const ONION = `http://${ONION_HOST}`;
const ARTICLE = '/articles/lake-tuvor-is-shrinking-satellite-images';
const PATHS = ['/', ARTICLE, '/ru/', '/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/robots.txt'];

const get = async (t: SiteTestApp, path: string, host?: string, encoding = '') => {
  const headers: Record<string, string> = {};
  if (host !== undefined) headers.host = host;
  if (encoding) headers['accept-encoding'] = encoding;
  const res = await rawGet(t.baseUrl, path, headers);
  const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
  return { ...res, text: body.toString('utf8') };
};

describe.each(testDatabases)('alternate origins (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect, {
      env: { ALTERNATE_ORIGINS: 'https://cdn.example, http://m.example:8080', ONION_ADDRESS: ONION },
      envAfterSeed: true,
    });
  });
  afterAll(async () => t?.close());

  it('a listed origin gets its own links, canonical and ids stay on SITE_URL', async () => {
    const page = await get(t, ARTICLE, 'cdn.example');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<link rel="canonical" href="https://news.example${ARTICLE}">`);
    expect(page.text).toContain(`<meta property="og:url" content="https://news.example${ARTICLE}">`);
    expect(page.text).toContain('https://cdn.example/');
    const outsideIdentity = page.text
      .replace(
        /<link\b[^>]*\brel="canonical"[^>]*>|<meta\b[^>]*property="og:url"[^>]*>|<link\b[^>]*hreflang=[^>]*>/g,
        '',
      )
      .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
    expect(outsideIdentity).not.toContain('https://news.example');

    const feed = await get(t, '/feed.xml', 'm.example:8080', 'gzip');
    expect(feed.text).toContain('<link>http://m.example:8080/articles/');
    expect(feed.text).toMatch(/<guid[^>]*>https:\/\/news\.example\/articles\//);
    expect(feed.text).not.toMatch(/<link>https:\/\/news\.example/);
    const robots = await get(t, '/robots.txt', 'cdn.example');
    expect(robots.text).toContain('Sitemap: https://cdn.example/sitemap.xml');
    const json = await get(t, '/feed.json', 'cdn.example');
    const parsed = JSON.parse(json.text) as { items: { id: string; url: string }[] };
    expect(parsed.items[0]?.url).toMatch(/^https:\/\/cdn\.example\//);
    expect(parsed.items[0]?.id).not.toContain('cdn.example');
  });

  it('a forged Host, with a port, a path or junk, is never reflected nor cached for others', async () => {
    for (const path of PATHS) {
      t.services.pageCache.clear();
      for (const host of [
        'evil.example',
        'cdn.example:443',
        'cdn.example.evil',
        'news.example:1',
        'cdn.example/x',
        'a b',
        '',
      ]) {
        const forged = await get(t, path, host);
        expect([200, 400]).toContain(forged.status);
        for (const name of ['evil.example', 'cdn.example', 'news.example:1', 'a b']) {
          expect(forged.text).not.toContain(`//${name}`);
        }
      }
      // Then the alternate origin, then a normal request: each gets its own links.
      const alternate = await get(t, path, 'cdn.example');
      expect(alternate.status).toBe(200);
      for (let i = 0; i < 2; i++) {
        const normal = await get(t, path, 'news.example', i === 0 ? 'gzip' : '');
        expect(normal.status).toBe(200);
        expect(normal.text, path).not.toContain('cdn.example');
        expect(normal.text, path).not.toContain('evil.example');
        if (path !== '/ru/') expect(normal.text).toContain('https://news.example/');
      }
      // The normal request was replayed since; the alternate origin still gets its variant.
      expect((await get(t, path, 'cdn.example')).text).toBe(alternate.text);
    }
  });

  it('a conditional request on an alternate origin gets its own ETag', async () => {
    const normal = await get(t, ARTICLE, 'news.example');
    const alternate = await get(t, ARTICLE, 'cdn.example');
    expect(alternate.headers.etag).not.toBe(normal.headers.etag);
    const again = await rawGet(t.baseUrl, ARTICLE, {
      host: 'cdn.example',
      'if-none-match': String(alternate.headers.etag),
    });
    expect(again.status).toBe(304);
  });

  it('sends Onion-Location with the path on every page, but not on the onion service itself', async () => {
    for (const host of ['news.example', 'cdn.example', 'evil.example']) {
      for (const path of ['/', ARTICLE, '/ru/', '/feed.xml']) {
        const res = await get(t, path, host);
        expect(res.headers['onion-location']).toBe(ONION + path);
      }
    }
    const onion = await get(t, ARTICLE, ONION_HOST);
    expect(onion.headers['onion-location']).toBeUndefined();
    expect(onion.text).toContain(`content="${ONION}/media/`);
    // A response the onion service got unchanged (no absolute link in it) is not replayed to
    // others without their Onion-Location.
    t.services.pageCache.clear();
    expect((await get(t, '/feed.xsl', ONION_HOST)).headers['onion-location']).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      expect((await get(t, '/feed.xsl', 'news.example')).headers['onion-location']).toBe(`${ONION}/feed.xsl`);
    }
    expect(onion.text).toContain(`<link rel="canonical" href="https://news.example${ARTICLE}">`);
  });
});

describe('alternate origins unset', () => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('changes nothing for any Host and sends no Onion-Location', async () => {
    const normal = await get(t, ARTICLE, 'news.example');
    const other = await get(t, ARTICLE, 'cdn.example');
    expect(other.text).toBe(normal.text);
    expect(normal.headers['onion-location']).toBeUndefined();
  });
});
