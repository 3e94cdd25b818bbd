// RSS and Atom name the site's own XSL stylesheet, so a browser shows a reader a page instead of
// raw XML (the rendering itself: test/browser/feed-page.test.ts). Feed readers ignore the
// instruction; feeds-routes.test.ts parses the same feeds with a real feed parser.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/index.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';

const INSTRUCTION = '<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>';
const FEEDS = ['/feed.xml', '/atom.xml', '/tag/environment/feed.xml', '/author/irena-vask/atom.xml'];

describe.each(testDatabases)('the feed stylesheet (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  }, 120_000);
  afterAll(async () => t?.close());

  it('is named by every RSS and Atom feed, right after the XML declaration', async () => {
    for (const path of FEEDS) {
      const res = await t.fetch(path);
      expect(res.status, path).toBe(200);
      const lines = (await res.text()).split('\n');
      expect(lines[0], path).toMatch(/^<\?xml version="1.0"/);
      expect(lines[1], path).toBe(INSTRUCTION);
    }
    // JSON Feed has no such thing.
    expect(await (await t.fetch('/feed.json')).text()).not.toContain('xml-stylesheet');
  });

  it('comes with a policy that lets the browser apply it and the CSS, from this origin only', async () => {
    for (const path of ['/feed.xml', '/atom.xml']) {
      const csp = (await t.fetch(path)).headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).not.toMatch(/unsafe-|\*|https?:/);
    }
  });

  it('is served as XSLT, cached and revalidated like the pages, pointing at the theme CSS', async () => {
    const res = await t.fetch('/feed.xsl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xslt+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/public/);
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await t.fetch('/feed.xsl', { headers: { 'if-none-match': etag } })).status).toBe(304);

    const xsl = await res.text();
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xsl);
    expect(parsed['xsl:stylesheet']['@_version']).toBe('1.0');
    const home = await (await t.fetch('/')).text();
    const css = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]+\.css)">/.exec(home)![1]!;
    expect(xsl).toContain(`href="${css}"`);
    expect((await t.fetch(css)).status).toBe(200);
    // The explanation in every catalogue language, picked by the feed's language.
    for (const lang of ['en', 'ru']) {
      expect(xsl).toContain(translate(lang, 'feedpage.what'));
      expect(xsl).toContain(translate(lang, 'feedpage.how'));
    }
    // Nothing from another origin, no script, no inline style.
    expect(xsl).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(xsl).not.toMatch(/<script|style=|<style/);
  });
});
