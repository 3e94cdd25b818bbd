import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { rawGet } from '../support/html-probe.ts';
import { CacheReplay } from '../../src/web/cache/index.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

// Repeat requests for cached pages are answered before Fastify. A reader must not be able to
// tell: same bytes, same headers, same conditional answers, and never a stale page.

const ARTICLE = '/articles/lake-tuvor-is-shrinking-satellite-images';
const PAGES = ['/', ARTICLE, '/tag/economy', '/author/nika-dorn', '/feed.xml', '/sitemap.xml'];

/** Headers without the ones that differ per response by nature. */
function stable(headers: Record<string, string | string[] | undefined>) {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
}

describe.each(testDatabases)('cache replay (%s)', (dialect) => {
  let t: SiteTestApp;
  const answer = vi.spyOn(CacheReplay.prototype, 'answer');
  /** How many of the requests since the last call the replay answered. */
  const replayed = () => {
    const n = answer.mock.results.filter((r) => r.value === true).length;
    answer.mockClear();
    return n;
  };
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  });
  afterAll(async () => t?.close());
  afterEach(() => void answer.mockClear());

  it('answers a repeat request with the same bytes and headers Fastify sent, in every encoding', async () => {
    for (const path of PAGES) {
      for (const encoding of ['br', 'gzip, deflate', '']) {
        const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
        t.services.pageCache.clear();
        replayed();
        const first = await rawGet(t.baseUrl, path, headers);
        const second = await rawGet(t.baseUrl, path, headers);
        expect(first.status, path).toBe(200);
        expect(second.status, path).toBe(200);
        expect(replayed(), `${path} ${encoding}`).toBe(1);
        expect(stable(second.headers), `${path} ${encoding}`).toEqual(stable(first.headers));
        expect(second.body.equals(first.body), path).toBe(true);
      }
    }
    await rawGet(t.baseUrl, ARTICLE);
    replayed();
    const br = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'br' });
    const gzip = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'gzip' });
    const plain = await rawGet(t.baseUrl, ARTICLE);
    expect(replayed()).toBe(3);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(br.headers['content-security-policy']).toContain("default-src 'none'");
    expect(br.headers['referrer-policy']).toBe('no-referrer');
    expect(br.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers HEAD and conditional requests as Fastify does', async () => {
    const full = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'br' });
    replayed();
    const head = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(full.body.length));
    expect(stable(head.headers)).toEqual(stable(full.headers));

    const etag = String(full.headers.etag);
    const byTag = await rawGet(t.baseUrl, ARTICLE, { 'if-none-match': etag });
    const byDate = await rawGet(t.baseUrl, ARTICLE, {
      'if-modified-since': String(full.headers['last-modified']),
    });
    const changed = await rawGet(t.baseUrl, ARTICLE, { 'if-none-match': '"someone-else"' });
    expect(replayed()).toBe(4);
    expect([byTag.status, byDate.status, changed.status]).toEqual([304, 304, 200]);
    expect(byTag.body.length).toBe(0);
    expect(byTag.headers.etag).toBe(etag);
    expect(byTag.headers['cache-control']).toBe(full.headers['cache-control']);
  });

  it('decides conditional requests by RFC 9110 on every path: replay, cached render, plain response', async () => {
    const full = await rawGet(t.baseUrl, ARTICLE);
    const etag = String(full.headers.etag);
    const modified = String(full.headers['last-modified']);
    const later = new Date(Date.parse(modified) + 3_600_000).toUTCString();
    const earlier = new Date(Date.parse(modified) - 3_600_000).toUTCString();
    const cases: Array<[Record<string, string>, number]> = [
      [{ 'if-none-match': etag }, 304],
      [{ 'if-none-match': `W/${etag}` }, 304],
      [{ 'if-none-match': `"x", ${etag}` }, 304],
      [{ 'if-none-match': '*' }, 304],
      // `*` is only valid alone: a list holding it does not parse, and 200 is always safe.
      [{ 'if-none-match': '"x", *' }, 200],
      // If-None-Match decides alone; If-Modified-Since is then ignored either way.
      [{ 'if-none-match': etag, 'if-modified-since': earlier }, 304],
      [{ 'if-none-match': '"x"', 'if-modified-since': later }, 200],
      [{ 'if-modified-since': modified }, 304],
      [{ 'if-modified-since': later }, 304],
      [{ 'if-modified-since': earlier }, 200],
      [{ 'if-modified-since': 'not a date' }, 200],
    ];
    for (const [headers, status] of cases) {
      const label = JSON.stringify(headers);
      replayed();
      expect((await rawGet(t.baseUrl, ARTICLE, headers)).status, `replay ${label}`).toBe(status);
      expect(replayed(), label).toBe(1);
      // A query string is never replayed: Fastify answers from the page cache.
      expect((await rawGet(t.baseUrl, `${ARTICLE}?via=fastify`, headers)).status, `render ${label}`).toBe(
        status,
      );
      expect(replayed(), label).toBe(0);
    }
    // A response that is not cached gets its ETag and its 304 from the onSend hook.
    const api = await rawGet(t.baseUrl, '/api/content/v1/openapi.json');
    const apiTag = String(api.headers.etag);
    for (const [ifNoneMatch, status] of [
      [apiTag, 304],
      [`W/${apiTag}`, 304],
      ['*', 304],
      ['"x", *', 200],
      ['"x"', 200],
    ] as const) {
      const res = await rawGet(t.baseUrl, '/api/content/v1/openapi.json', { 'if-none-match': ifNoneMatch });
      expect(res.status, `hook ${ifNoneMatch}`).toBe(status);
    }
  });

  it('never replays a page that changed, went away or was never asked for plainly', async () => {
    const slug = 'breaking-the-ferry-strike-ends';
    const created = await t.services.articles.create(systemActor, {
      title: 'The ferry strike ends',
      slug,
      body_html: '<p>Boats leave again at dawn.</p>',
      language: 'en',
      status: 'published',
    });
    const path = `/articles/${slug}`;
    await t.page(path);
    await t.page('/');
    expect((await t.page(path)).html).toContain('The ferry strike ends');
    replayed();

    const edited = await t.services.articles.update(systemActor, created.id, {
      version: created.version,
      title: 'The ferry strike is over',
    });
    const page = await t.page(path);
    expect(page.html).toContain('The ferry strike is over');
    expect(page.html).not.toContain('The ferry strike ends');
    expect((await t.page('/')).html).toContain('The ferry strike is over');
    expect(replayed()).toBe(0);

    await t.services.articles.unpublish(systemActor, edited.id);
    expect((await t.fetch(path)).status).toBe(410);
    expect((await t.fetch(path)).status).toBe(410);
    expect((await t.page('/')).html).not.toContain('The ferry strike is over');

    // Query strings, other methods and unknown pages always go through the router.
    await t.fetch(`${ARTICLE}?utm_source=x`);
    await t.fetch(`${ARTICLE}?utm_source=x`);
    await t.fetch('/articles/no-such-story');
    await t.fetch('/articles/no-such-story');
    replayed();
    expect((await t.fetch(ARTICLE, { method: 'POST' })).status).toBe(404);
    expect((await t.fetch(`${ARTICLE}?utm_source=x`)).status).toBe(200);
    expect((await t.fetch('/articles/no-such-story')).status).toBe(404);
    expect(replayed()).toBe(0);
  });

  it('keeps the connection settings Fastify gives its own servers', () => {
    // Keep-alive longer than a proxy's idle timeout, or the proxy meets closed sockets (502s).
    expect(t.app.server.keepAliveTimeout).toBe(t.app.initialConfig.keepAliveTimeout);
    expect(t.app.server.keepAliveTimeout).toBeGreaterThan(60_000);
  });

  it('leaves API responses to Fastify, where keys are checked', async () => {
    await t.fetch('/api/content/v1/articles');
    await t.fetch('/api/content/v1/articles');
    expect(replayed()).toBe(0);
  });
});

// Test files share worker processes: the spy on CacheReplay's prototype goes with this file.
afterAll(() => vi.restoreAllMocks());
