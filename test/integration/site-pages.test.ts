import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-db.ts';
import { demoAuthors } from '../../src/modules/demo/index.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { attrs, between, internalLinks } from '../support/html-probe.ts';

const EN = '/articles/lake-tuvor-is-shrinking-satellite-images';
const RU = '/articles/ozero-tuvor-meleet-sputnikovye-snimki';

describe.each(testDatabases)('public pages (%s)', (dialect) => {
  let t: SiteTestApp;
  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('home shows the lead story, the latest stream and a rail per navigation section', async () => {
    const { status, html } = await t.page('/');
    expect(status).toBe(200);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en"/);
    const lead = between(html, 'card--lead', '</article>');
    // The newest English article leads (the scheduled one is not out yet).
    expect(lead).toContain('The observers who weren’t');
    expect(lead).toMatch(/<h2 class="card__title">/);
    expect(between(html, 'id="latest-title"', '</section>').match(/<li>/g)?.length).toBe(5);
    for (const section of [
      'Investigations',
      'Economy',
      'Environment',
      'Culture',
      'Explainers',
      'From the newsroom',
    ]) {
      expect(html).toMatch(
        new RegExp(`<h2 class="rail__title" id="rail-\\d+"><a href="/tag/[a-z-]+">${section}</a></h2>`),
      );
    }
    // Russian articles are not mixed into the English stream, but have their own rail.
    expect(between(html, 'id="rail-languages"', '</section>')).toContain('lang="ru"');
    expect(html).not.toContain('referendum-day-how-we-will-cover-the-vote');
  });

  it('an article page has its parts in reading order', async () => {
    const { status, html } = await t.page(EN);
    expect(status).toBe(200);
    // The support banner and the newsletter block are there only while their features answer
    // (site-features.test.ts); the demo has neither.
    const order = [
      '<h1 class="story__title">Lake Tuvor is shrinking',
      'class="story__standfirst"',
      'class="byline__authors"',
      '<time datetime=',
      '<figure class="story__hero">',
      '<picture',
      '<figcaption',
      'class="story__credit">Illustration: Kasia Ruden</span>',
      'class="story__body"',
      'class="tag-list"',
      'class="read-more"',
    ];
    const positions = order.map((marker) => html.indexOf(marker));
    positions.forEach((p, i) => expect(p, order[i]).toBeGreaterThan(-1));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const hero = between(html, '<figure class="story__hero">', '</figure>');
    expect(hero).toContain('<source type="image/webp" srcset="/media/');
    expect(hero).toMatch(
      /<img src="\/media\/[^"]+\.jpg" srcset="[^"]+" sizes="[^"]+" width="\d+" height="\d+" alt="[^"]+"/,
    );
    expect(between(hero, '<figcaption', '</figcaption>')).toContain(
      'class="story__caption">Lake Tuvor at sunrise',
    );

    // Times on the newsroom clock (Asia/Kolkata, +05:30), machine- and human-readable.
    const times = attrs(between(html, 'class="byline"', '</div>'), 'time', 'datetime');
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);

    const readMore = between(html, 'class="read-more"', '</section>');
    const links = attrs(readMore, 'a', 'href').filter((h) => h.startsWith('/articles/'));
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(4);
    expect(links).not.toContain(EN);

    expect(between(html, 'class="tag-list"', '</ul>')).toContain('href="/tag/lake-tuvor"');
  });

  it('describes the article to search engines and link previews', async () => {
    const { html } = await t.page(EN);
    expect(html).toContain(`<link rel="canonical" href="https://news.example${EN}">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toMatch(/<meta property="og:image" content="https:\/\/news\.example\/media\/[^"]+">/);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).toMatch(/<meta name="description" content="[^"]{20,}">/);
    const jsonLd = JSON.parse(between(html, '<script type="application/ld+json">', '</script>').slice(35));
    expect(jsonLd).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Lake Tuvor is shrinking. Satellite images show how fast',
      author: [{ name: 'Pavel Ostrin' }, { name: 'Mattis Roen' }],
      publisher: {
        name: 'Ilmara',
        logo: { url: expect.stringMatching(/^https:\/\/news\.example\/assets\/logo\./) },
      },
    });
    expect(jsonLd.image[0]).toMatch(/^https:\/\/news\.example\/media\//);
    expect(Date.parse(jsonLd.datePublished)).toBeLessThanOrEqual(Date.parse(jsonLd.dateModified));
  });

  it('links translations both ways with a switcher and hreflang, each page in its own language', async () => {
    const en = (await t.page(EN)).html;
    const ru = (await t.page(RU)).html;
    expect(en).toContain(`<link rel="alternate" hreflang="ru" href="https://news.example${RU}">`);
    expect(ru).toContain(`<link rel="alternate" hreflang="en" href="https://news.example${EN}">`);
    expect(between(en, 'class="translations"', '</nav>')).toContain(
      `href="${RU}" hreflang="ru" lang="ru">Русский</a>`,
    );
    expect(between(ru, 'class="translations"', '</nav>')).toContain(
      `href="${EN}" hreflang="en" lang="en">English</a>`,
    );

    expect(ru).toMatch(/^<!doctype html>\n<html lang="ru"/);
    // The support banner and signup block in Russian: site-features.test.ts (hidden in the demo).
    for (const text of ['Перейти к содержанию', 'Опубликовано', 'Читайте также']) {
      expect(ru).toContain(text);
    }
    expect(ru).toMatch(/\d{1,2} ноября \d{4}/);
    expect(ru).not.toContain('Skip to content');
    expect(ru).not.toContain('Read more');
  });

  it('shows a pen name and nothing else of the person behind it, on every page', async () => {
    const { html } = await t.page('/author/nika-dorn');
    expect(html).toContain('<h1 class="listing__title">Nika Dorn</h1>');
    expect(html).toContain('<p class="listing__kicker">Pen name</p>');
    const realNames = demoAuthors.flatMap((a) => (a.realName ? [a.realName] : []));
    expect(realNames.length).toBeGreaterThan(0);
    // Crawl everything reachable from the home page, one level deep, plus the search.
    const pages = new Set(['/', '/search?q=Nika', '/archive']);
    for (const link of internalLinks((await t.page('/')).html)) pages.add(link);
    for (const path of pages) {
      const page = await t.page(path);
      for (const name of realNames) {
        expect(page.html, path).not.toContain(name);
        expect(page.html, path).not.toContain(name.split(' ')[1]);
      }
    }
    expect(pages.size).toBeGreaterThan(30);
  });

  it('paginates with rel prev/next links, and refuses pages that do not exist', async () => {
    const home = (await t.page('/')).html;
    expect(home).toContain('<link rel="next" href="/page/2">');
    expect(home).not.toContain('rel="prev"');
    const second = await t.page('/page/2');
    expect(second.status).toBe(200);
    expect(second.html).toContain('<link rel="prev" href="/">');
    expect(second.html).toContain('<a class="pagination__step" href="/" rel="prev">');
    expect(second.html).toMatch(/<span aria-current="page">2<\/span>/);
    expect((await t.page('/page/3')).status).toBe(404);
    const first = await t.fetch('/page/1', { redirect: 'manual' });
    expect(first.status).toBe(301);
    expect(first.headers.get('location')).toBe('/');
  });

  it('lists a section with its description, and an archive month on the newsroom calendar', async () => {
    const tag = await t.page('/tag/economy');
    expect(tag.status).toBe(200);
    expect(tag.html).toContain('<p class="listing__kicker">Section</p>');
    expect(tag.html).toContain('href="/articles/talen-lost-a-fifth-of-its-value-central-bank"');
    expect(tag.html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Ilmara: Economy" href="/tag/economy/feed.xml">',
    );
    expect(between(tag.html, 'class="sections"', '</nav>')).toContain(
      'href="/tag/economy" aria-current="page"',
    );

    const archive = await t.page('/archive');
    const month = attrs(archive.html, 'a', 'href').find((h) => /^\/archive\/\d{4}\/\d\d$/.test(h));
    expect(month).toBeDefined();
    const monthPage = await t.page(month!);
    expect(monthPage.status).toBe(200);
    expect(monthPage.html).toMatch(/href="\/articles\/[a-z0-9-]+"/);
    expect((await t.page('/archive/1999/01')).status).toBe(404);
    expect((await t.page('/archive/2026/13')).status).toBe(404);
  });
});
