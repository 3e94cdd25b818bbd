import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { attrs, rawGet, subresourceUrls } from '../support/html-probe.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

const ARTICLE = '/articles/lake-tuvor-is-shrinking-satellite-images';
const PAGES = ['/', ARTICLE, '/tag/economy', '/author/nika-dorn', '/search?q=lake', '/archive', '/page/2'];

describe.each(testDatabases)('public pages over HTTP (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('send a strict Content-Security-Policy and the usual security headers', async () => {
    for (const path of PAGES) {
      const { headers } = await t.fetch(path);
      const csp = headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp, path).toContain(directive);
      }
      expect(csp, path).not.toContain('unsafe-inline');
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('permissions-policy'), path).toContain('camera=()');
      expect(headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('load nothing from another origin, run only the fingerprinted appeal script, style nothing inline', async () => {
    for (const path of PAGES) {
      const html = (await t.page(path)).html;
      const urls = subresourceUrls(html);
      expect(urls.length, path).toBeGreaterThan(0);
      for (const url of urls) expect(url, path).toMatch(/^\/(?!\/)/);
      // JSON-LD data, which browsers never run, and the appeal's own deferred script: no inline code.
      for (const [script] of html.matchAll(/<script\b[^>]*>/g))
        expect(script, path).toMatch(
          /^<script (type="application\/ld\+json"|src="\/assets\/appeal\.[0-9a-f]{10}\.js" defer)>$/,
        );
      for (const [, body] of html.matchAll(/<script src="[^"]*" defer>([\s\S]*?)<\/script>/g))
        expect(body).toBe('');
      expect(html, path).not.toMatch(/\sstyle="/);
      expect(html, path).not.toMatch(/<style\b/);
      expect(html, path).not.toMatch(/\son[a-z]+="/);
      expect(attrs(html, 'link', 'href').filter((h) => h.includes('/assets/site.'))).toHaveLength(1);
    }
  });

  it('serve one fingerprinted, immutable stylesheet that carries the accent colour', async () => {
    const html = (await t.page('/')).html;
    const [href] = attrs(html, 'link', 'href').filter((h) => /^\/assets\/site\.[0-9a-f]{10}\.css$/.test(h));
    const css = await t.fetch(href!);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain('--accent:#b8402a');
  });

  it('compress with gzip and brotli to the same page, and answer conditional requests with 304', async () => {
    const plain = await rawGet(t.baseUrl, ARTICLE);
    const gzip = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'gzip' });
    const br = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers['cache-control']).toMatch(/s-maxage=\d+/);
    expect(br.headers['cache-control']).toMatch(/stale-while-revalidate=\d+/);

    const etag = String(plain.headers.etag);
    const lastModified = String(plain.headers['last-modified']);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await rawGet(t.baseUrl, ARTICLE, { 'if-none-match': etag })).status).toBe(304);
    expect((await rawGet(t.baseUrl, ARTICLE, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await rawGet(t.baseUrl, ARTICLE, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answer HEAD like GET without a body, and ignore unknown query parameters', async () => {
    for (const path of ['/', ARTICLE, '/tag/economy', '/search?q=lake']) {
      const head = await rawGet(t.baseUrl, path, {}, 'HEAD');
      expect(head.status, path).toBe(200);
      expect(head.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(head.body.length, path).toBe(0);
    }
    const plain = await t.fetch(ARTICLE);
    const noisy = await t.fetch(`${ARTICLE}?utm_source=x&fbclid=1&page=3&q[]=<script>`);
    expect(noisy.status).toBe(200);
    expect(noisy.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('keeps an article page with its stylesheet within 30 KB brotli', async () => {
    const page = await rawGet(t.baseUrl, ARTICLE, { 'accept-encoding': 'br' });
    const href = attrs(brotliDecompressSync(page.body).toString('utf8'), 'link', 'href').find((h) =>
      h.startsWith('/assets/site.'),
    );
    const css = await rawGet(t.baseUrl, href!, { 'accept-encoding': 'br' });
    expect(css.headers['content-encoding']).toBe('br');
    expect(page.body.length + css.body.length).toBeLessThanOrEqual(30 * 1024);
  });

  it('shows a newly published article on the home page at the very next request, and edits everywhere', async () => {
    const before = (await t.page('/')).html;
    expect((await t.fetch('/')).headers.get('etag')).toBeTruthy();
    const section = await t.services.tags.findBySlug('economy');
    const created = await t.services.articles.create(systemActor, {
      title: 'Breaking: the central bank governor resigns',
      standfirst: 'A short statement, then silence.',
      body_html: '<p>The governor resigned on Friday.</p>',
      language: 'en',
      tag_ids: [section!.id],
      status: 'published',
    });
    const after = (await t.page('/')).html;
    expect(before).not.toContain('Breaking: the central bank governor resigns');
    expect(after).toContain(
      `<a href="/articles/${created.slug}">Breaking: the central bank governor resigns</a>`,
    );
    expect((await t.page('/tag/economy')).html).toContain(`href="/articles/${created.slug}"`);
    const page = await t.page(`/articles/${created.slug}`);
    expect(page.html).toContain('<h1 class="story__title">Breaking: the central bank governor resigns</h1>');

    await t.services.articles.update(systemActor, created.id, {
      version: created.version,
      title: 'The central bank governor resigns',
    });
    expect((await t.page(`/articles/${created.slug}`)).html).toContain(
      '<h1 class="story__title">The central bank governor resigns</h1>',
    );
    const home = (await t.page('/')).html;
    expect(home).toContain('>The central bank governor resigns</a>');
    expect(home).not.toContain('Breaking: the central bank governor resigns');
  });

  it('refreshes every page when the publication settings change', async () => {
    const before = (await t.page(ARTICLE)).html;
    await t.services.settings.set({ accent_color: '#1a5fb4', name: 'Ilmara Daily' });
    const after = (await t.page(ARTICLE)).html;
    expect(after).toContain('<p class="site-footer__name">Ilmara Daily</p>');
    expect(before).not.toContain('Ilmara Daily');
    const oldCss = attrs(before, 'link', 'href').find((h) => h.startsWith('/assets/site.'));
    const newCss = attrs(after, 'link', 'href').find((h) => h.startsWith('/assets/site.'));
    expect(newCss).not.toBe(oldCss);
    expect(await (await t.fetch(newCss!)).text()).toContain('--accent:#1a5fb4');
  });
});
