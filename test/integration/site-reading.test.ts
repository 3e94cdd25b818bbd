// Reading polish over real HTTP against the demo publication: listing pages use the width, list
// a translated story once, and do not repeat a section's name; times name their zone; quotations
// set their source apart; search snippets carry no markup; the navigation marks the current
// section; the home title names the publication once; author pages show a portrait, a role and
// safe contacts when they are set, and a pen name's page shows none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedYearMonth } from '../../src/i18n/index.ts';
import { ASIDE_SIZE } from '../../src/modules/site/latest-aside.ts';
import { attrs, between } from '../support/html-probe.ts';
import { SITE_TEST_TIMEZONE, startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';

const LAKE_EN = 'lake-tuvor-is-shrinking-satellite-images';
const LAKE_RU = 'ozero-tuvor-meleet-sputnikovye-snimki';
const PEN_EN = 'why-some-of-our-reporters-write-under-pen-names';
const PEN_RU = 'pochemu-nashi-zhurnalisty-pishut-pod-psevdonimami';

/** The page's own list (not the column beside it). */
const mainList = (html: string) =>
  between(html, 'class="listing-layout__main"', 'class="listing-layout__aside');
const aside = (html: string) => between(html, 'class="listing-layout__aside', '</aside>');
const stylesheetUrl = (html: string) => /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;

describe.each(testDatabases)('reading polish on the demo (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  }, 180_000);
  afterAll(async () => t?.close());

  it('listing pages have a second column of the newest stories, not repeating the list', async () => {
    const month = zonedYearMonth(
      (await t.services.articles.findBySlug(LAKE_EN))!.publishedAt!,
      SITE_TEST_TIMEZONE,
    );
    for (const path of [
      '/tag/economy',
      '/tag/lake-tuvor',
      '/author/tomas-kerel',
      '/search?q=lake',
      '/archive',
      `/archive/${month.year}/${month.month}`,
    ]) {
      const { status, html } = await t.page(path);
      expect(status, path).toBe(200);
      const column = aside(html);
      expect(column, path).toContain('<h2 class="rail__title" id="aside-title">Latest</h2>');
      const asideLinks = attrs(column, 'a', 'href').filter((h) => h.startsWith('/articles/'));
      expect(asideLinks.length, path).toBeGreaterThan(0);
      expect(asideLinks.length, path).toBeLessThanOrEqual(ASIDE_SIZE);
      const listed = new Set(attrs(mainList(html), 'a', 'href').filter((h) => h.startsWith('/articles/')));
      for (const href of asideLinks) expect(listed.has(href), `${path} ${href}`).toBe(false);
    }
    // The 404 page's suggestions are that column.
    const missing = await t.page('/tag/no-such-section');
    expect(missing.status).toBe(404);
    expect(aside(missing.html)).toMatch(/href="\/articles\//);
  });

  it('lays the column beside the list on wide screens and below it on narrow ones', async () => {
    const css = await (await t.fetch(stylesheetUrl((await t.page('/')).html))).text();
    // The stylesheet is served minified: beside at 64em and up, one column below that.
    expect(css).toMatch(
      /@media \(width>=64em\)\{[^@]*\.listing-layout\{grid-template-columns:minmax\(0,1fr\) \d+rem/,
    );
    const base = /(?:^|\})\.listing-layout\{([^}]*)\}/.exec(css)!;
    expect(css.lastIndexOf('@media', base.index)).toBeLessThan(css.lastIndexOf('}}', base.index) + 1);
    expect(base[1]).not.toContain('grid-template-columns');
  });

  it('a section page does not print its own name above every card, but other pages do', async () => {
    const section = mainList((await t.page('/tag/economy')).html);
    expect(section).toContain('class="card__title"');
    expect(section).not.toContain('<p class="card__kicker"><a href="/tag/economy">');
    // A topic page still says which section each story is in.
    expect(mainList((await t.page('/tag/sertovo')).html)).toContain(
      '<p class="card__kicker"><a href="/tag/economy">Economy</a></p>',
    );
  });

  it('lists a translated story once, in the page language', async () => {
    for (const [path, en, ru] of [
      ['/tag/environment', LAKE_EN, LAKE_RU],
      ['/tag/lake-tuvor', LAKE_EN, LAKE_RU],
      ['/author/pavel-ostrin', LAKE_EN, LAKE_RU],
      ['/tag/newsroom', PEN_EN, PEN_RU],
      ['/author/irena-vask', PEN_EN, PEN_RU],
    ] as const) {
      const html = (await t.page(path)).html;
      expect(mainList(html), path).toContain(`/articles/${en}"`);
      expect(html, path).not.toContain(`/articles/${ru}"`);
    }
    const published = (await t.services.articles.findBySlug(LAKE_EN))!.publishedAt!;
    const { year, month } = zonedYearMonth(published, SITE_TEST_TIMEZONE);
    const archive = (await t.page(`/archive/${year}/${month}`)).html;
    expect(archive).toContain(`/articles/${LAKE_EN}"`);
    expect(archive).not.toContain(`/articles/${LAKE_RU}"`);
    // A story that has no English version is still listed, in its own language.
    expect(mainList((await t.page('/tag/lake-tuvor')).html)).toMatch(/<h2 class="card__title">/);
  });

  it('shows which zone a time of day is on, with the same wall time in datetime', async () => {
    const html = (await t.page(`/articles/${LAKE_EN}`)).html;
    const time = /<time datetime="([^"]+)">([^<]+)<\/time>/.exec(
      between(html, 'class="byline__dates"', '</p>'),
    );
    expect(time).not.toBeNull();
    const [, iso, text] = time!;
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT(\d\d):(\d\d):\d\d\+05:30$/);
    expect(text).toMatch(/ UTC\+5:30$/);
    const [hour, minute] = iso!.slice(11, 16).split(':').map(Number);
    const shown = /(\d{1,2}):(\d\d)\s?([AP]M)/.exec(text!)!;
    expect([(Number(shown[1]) % 12) + (shown[3] === 'PM' ? 12 : 0), Number(shown[2])]).toEqual([
      hour,
      minute,
    ]);
    const ru = (await t.page(`/articles/${LAKE_RU}`)).html;
    expect(between(ru, 'class="byline__dates"', '</p>')).toMatch(/ в \d\d:\d\d UTC\+5:30<\/time>/);
  });

  it('sets the source of a quotation apart from the quoted words', async () => {
    const html = (await t.page('/articles/sertovo-wages-late-in-parts-or-vouchers')).html;
    const quote = between(html, '<figure class="quote">', '</figure>');
    expect(quote).toMatch(
      // English typographic quotes, applied when the page is rendered.
      /<blockquote><p>“In the nineties my father was paid in saucepans\..*”<\/p><\/blockquote>/,
    );
    expect(quote).toContain(
      '<figcaption class="quote__attribution">— Andrei, a crane operator at the aluminium works</figcaption>',
    );
  });

  it('search snippets show words, never the markup or markers of the stored text', async () => {
    for (const q of ['saucepans', 'press release', 'observers protocol', 'lake']) {
      const html = (await t.page(`/search?q=${encodeURIComponent(q)}`)).html;
      const snippets = [
        ...html.matchAll(/class="card__standfirst search__snippet"[^>]*>([\s\S]*?)<\/p>/g),
      ].map((m) => m[1]!);
      expect(snippets.length, q).toBeGreaterThan(0);
      for (const snippet of snippets) {
        const text = snippet.replace(/<\/?mark>/g, '');
        expect(text, q).not.toMatch(/<|&gt;|&lt;|&amp;|\*\*|\[Photo|\(https?:|(^|\s)&gt;\s|…\s*-\s/);
      }
    }
  });

  it('marks the current section in the navigation, visibly first on narrow screens', async () => {
    const section = between((await t.page('/tag/economy')).html, 'class="sections"', '</nav>');
    expect(section).toContain('<a href="/tag/economy" aria-current="page">Economy</a>');
    expect(section.match(/aria-current/g)).toHaveLength(1);
    const article = between((await t.page(`/articles/${LAKE_EN}`)).html, 'class="sections"', '</nav>');
    expect(article).toContain('<a href="/tag/environment" aria-current="true">Environment</a>');
    const css = await (await t.fetch(stylesheetUrl((await t.page('/')).html))).text();
    // Served minified: an accent rule under the current section, and on narrow screens (where
    // the strip scrolls sideways) the current section first, so it is in view.
    expect(css).toMatch(/\.sections a\[aria-current\]\{[^}]*border-bottom-color:var\(--accent\)/);
    expect(css).toMatch(
      /@media \(width<=39\.99em\)\{\.sections__list li:has\(>a\[aria-current\]\)\{order:-1\}/,
    );
  });

  it('names the publication once in the home page title', async () => {
    const title = between((await t.page('/')).html, '<title>', '</title>').slice('<title>'.length);
    expect(title.startsWith('Ilmara')).toBe(true);
    expect(title.match(/Ilmara/g)).toHaveLength(1);
    expect(between((await t.page('/tag/economy')).html, '<title>', '</title>')).toBe(
      '<title>Economy — Ilmara',
    );
  });

  it("an author page shows the portrait, role and safe contacts that are set; a pen name's shows none", async () => {
    const irena = (await t.page('/author/irena-vask')).html;
    const header = between(irena, '<header class="listing__header', '</header>');
    expect(header).toContain('listing__header--portrait');
    const [src] = attrs(between(header, 'class="author-portrait"', '</div>'), 'img', 'src');
    expect(src).toMatch(/^\/media\/.+\.(jpg|webp)$/);
    expect((await t.fetch(src!)).status).toBe(200);
    expect(attrs(header, 'img', 'alt')).toEqual(['Illustrated portrait of Irena Vask']);
    expect(header).toContain('<p class="author-role">Editor-in-chief</p>');
    expect(header).toContain('<code class="author-contact__value">ilmara_irena.42</code>');
    expect(header).toContain('<span>7A3F 9C21 D4E8 B605 1F2A</span> <span>9E7C 3B8D 4F60 A1C5 E927</span>');

    // Set only what the newsroom set: a role alone, no picture, no contact.
    const mattis = between(
      (await t.page('/author/mattis-roen')).html,
      '<header class="listing__header',
      '</header>',
    );
    expect(mattis).toContain('<p class="author-role">Data and explainers editor</p>');
    expect(mattis).not.toMatch(/author-portrait|author-contact|<img/);

    for (const pen of ['nika-dorn', 'ivo-sever']) {
      const html = (await t.page(`/author/${pen}`)).html;
      const head = between(html, '<header class="listing__header', '</header>');
      expect(head, pen).toContain('<p class="listing__kicker">Pen name</p>');
      expect(head, pen).not.toMatch(/author-portrait|author-role|author-contact|<img|Signal|PGP/);
    }
  });
});
