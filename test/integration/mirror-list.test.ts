import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { verifyMirrorList } from '../../src/modules/mirrors/index.ts';

// The mirror list: from MIRRORS until an admin saves one; on /mirrors in every language, in the
// footer of every page, in every feed, and signed at /.well-known/samizdat-mirrors.json.

const ONION = `http://${'d'.repeat(56)}.onion`;
const MIRRORS = JSON.stringify([
  { url: 'https://mirror-one.example', note: 'Fronted by a CDN', notes: { ru: 'Через CDN' } },
  { url: 'https://t.me/ilmara_news', note: 'Every article, as it is published' },
  { url: 'https://news.example/newsletter', kind: 'newsletter', note: 'By e-mail' },
]);

describe.each(testDatabases)('mirror list (%s)', (dialect) => {
  let t: SiteTestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect, { env: { MIRRORS, ONION_ADDRESS: ONION } });
    admin = await t.key('admin');
  });
  afterAll(async () => t?.close());

  it('shows every way out on /mirrors in each language, with the public key', async () => {
    const en = await t.page('/mirrors');
    expect(en.status).toBe(200);
    expect(en.html).toContain('<h1 class="listing__title">Mirrors and other ways to reach us</h1>');
    for (const url of ['https://mirror-one.example', 'https://t.me/ilmara_news', ONION])
      expect(en.html).toContain(`href="${url}"`);
    expect(en.html).toContain('Fronted by a CDN');
    expect(en.html).toContain(t.services.mirrors.publicKey);
    expect(en.html).toContain(
      '<a href="/.well-known/samizdat-mirrors.json">/.well-known/samizdat-mirrors.json</a>',
    );
    const ru = await t.page('/ru/mirrors');
    expect(ru.html).toContain('Зеркала и другие способы нас читать');
    expect(ru.html).toContain('Через CDN');
    expect(ru.html).toContain('<link rel="canonical" href="https://news.example/ru/mirrors">');
  });

  it('puts a Mirrors link and a few addresses in the footer of every page', async () => {
    for (const path of ['/', '/articles/lake-tuvor-is-shrinking-satellite-images', '/ru/', '/archive']) {
      const { html } = await t.page(path);
      const footer = html.slice(html.indexOf('<footer class="site-footer">'));
      expect(footer, path).toMatch(/<a href="(\/ru)?\/mirrors">(Mirrors|Зеркала)<\/a>/);
      expect(footer, path).toContain('<a href="https://mirror-one.example">mirror-one.example</a>');
      expect(footer, path).toContain('<a href="https://t.me/ilmara_news">t.me/ilmara_news</a>');
    }
  });

  it('names the mirrors in every feed format', async () => {
    const rss = await (await t.fetch('/feed.xml')).text();
    expect(rss).toContain(
      '<atom:link href="https://news.example/mirrors" rel="related" type="text/html" title="If this site is blocked: https://news.example/mirrors"/>',
    );
    expect(rss).toContain(
      '<atom:link href="https://mirror-one.example" rel="related" title="Fronted by a CDN"/>',
    );
    const atom = await (await t.fetch('/ru/atom.xml')).text();
    expect(atom).toContain('href="https://news.example/ru/mirrors"');
    expect(atom).toContain('title="Через CDN"');
    const json = (await (await t.fetch('/feed.json')).json()) as {
      _mirrors: { signed_list_url: string; mirrors: unknown[] };
    };
    expect(json._mirrors.signed_list_url).toBe('https://news.example/.well-known/samizdat-mirrors.json');
    expect(json._mirrors.mirrors).toHaveLength(4);
  });

  it('publishes the list signed; it verifies with the pinned key and fails when tampered', async () => {
    const res = await t.fetch('/.well-known/samizdat-mirrors.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const text = await res.text();
    const result = verifyMirrorList(text, { pinnedKey: t.services.mirrors.publicKey, now: new Date() });
    expect(result.errors).toEqual([]);
    expect(result.list?.mirrors.map((m) => m.url)).toEqual([
      'https://mirror-one.example',
      'https://t.me/ilmara_news',
      'https://news.example/newsletter',
      ONION,
    ]);
    const tampered = text.replace('mirror-one.example', 'mirror-0ne.example');
    expect(
      verifyMirrorList(tampered, { pinnedKey: t.services.mirrors.publicKey, now: new Date() }).errors[0],
    ).toMatch(/^bad signature/);
    // Fetched through an alternate origin (the onion), the signed bytes are unchanged.
    const { rawGet } = await import('../support/html-probe.ts');
    const viaOnion = await rawGet(t.baseUrl, '/.well-known/samizdat-mirrors.json', {
      host: new URL(ONION).host,
    });
    expect(
      verifyMirrorList(viaOnion.body.toString('utf8'), {
        pinnedKey: t.services.mirrors.publicKey,
        now: new Date(),
      }).ok,
    ).toBe(true);
  });

  it('an admin edits the list through the Admin API; bad entries are refused, nothing changed', async () => {
    const patch = (body: unknown) =>
      t.fetch('/api/admin/v1/settings', {
        method: 'PATCH',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await patch({ mirrors: [{ url: 'javascript:alert(1)' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    const ok = await patch({
      mirrors: [{ url: 'https://mirror-two.example', note: 'New', notes: { ru: 'Новое' } }],
    });
    expect(ok.status).toBe(200);
    const page = await t.page('/mirrors');
    expect(page.html).toContain('href="https://mirror-two.example"');
    expect(page.html).not.toContain('mirror-one.example');
    const list = verifyMirrorList(await (await t.fetch('/.well-known/samizdat-mirrors.json')).text(), {
      now: new Date(),
    });
    expect(list.list?.mirrors.map((m) => m.url)).toEqual(['https://mirror-two.example', ONION]);
    const editor = await t.key('editor');
    const refused = await t.fetch('/api/admin/v1/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mirrors: [] }),
    });
    expect(refused.status).toBe(403);
  });
});

describe('mirror list unset', () => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('links no mirrors in the footer, and the page says none is listed', async () => {
    const home = await t.page('/');
    expect(home.html).not.toContain('href="/mirrors"');
    const page = await t.page('/mirrors');
    expect(page.status).toBe(200);
    expect(page.html).toContain('No other addresses are listed yet.');
    expect((await (await t.fetch('/feed.json')).json()) as object).not.toHaveProperty('_mirrors');
  });
});
