// A reader with JavaScript turned off (as in Tor Browser's Safest mode) goes from the home page to
// an article, on to Read more, a section and a search, and the pages read in full. Every request
// the browser makes is recorded: none may leave the server the pages came from.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoArticles, demoAuthors } from '../../src/modules/demo/index.ts';
import { quoteText } from '../../src/i18n/index.ts';

/** A title as pages show it: straight quotes typed in it become the language's own. */
const shown = (a: { title: string; language: string }) => quoteText(a.title, a.language);
import type { TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import {
  auditedPages,
  demo,
  launchBrowser,
  noBrowserReason,
  startDemoSite,
  viewports,
} from '../support/browser.ts';

/** The text a reader sees for a bit of the demo's body HTML. */
const plainText = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

interface Recorded {
  url: string;
  type: string;
  page: string;
}

// Each test starts from a page it opens itself, so any one of them can run alone (-t).
describe.skipIf(noBrowserReason).each(testDatabases)('a reader without JavaScript (%s)', (dialect) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: Recorded[] = [];
  const failed: string[] = [];

  const record = (ctx: BrowserContext) => {
    ctx.on('request', (request) => {
      const frame = request.frame();
      requests.push({ url: request.url(), type: request.resourceType(), page: frame.url() });
    });
    ctx.on('requestfailed', (request) => {
      // ERR_ABORTED: the browser dropped a request (the favicon, a lazy image) on leaving the page.
      const error = request.failure()?.errorText ?? '';
      if (error !== 'net::ERR_ABORTED') failed.push(`${request.url()}: ${error}`);
    });
    ctx.on('response', (response) => {
      // The 404 page is meant to answer 404; anything else that fails is a broken page part.
      if (response.status() >= 400 && !response.url().endsWith('/no-such-page')) {
        failed.push(`${response.url()}: HTTP ${response.status()}`);
      }
    });
  };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startDemoSite(dialect), launchBrowser()]);
    context = await browser.newContext({ javaScriptEnabled: false, viewport: viewports.desktop });
    record(context);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The requests made since the last call: all to the test server, none failed or of a foreign kind. */
  const expectCleanRequests = () => {
    const made = requests.splice(0);
    const origin = new URL(t.baseUrl).origin;
    expect(
      made.filter((r) => new URL(r.url).origin !== origin),
      'requests to other origins',
    ).toEqual([]);
    expect(made.filter((r) => r.type === 'font' || /font/i.test(new URL(r.url).pathname))).toEqual([]);
    expect(made.filter((r) => /analytic|gtag|collect|pixel|beacon|track/i.test(r.url))).toEqual([]);
    expect(made.filter((r) => r.type === 'script' || r.type === 'xhr' || r.type === 'fetch')).toEqual([]);
    expect(failed.splice(0), 'failed requests').toEqual([]);
    // What the pages did ask for: documents, one stylesheet, images (and the favicon, typed "other").
    expect(made.filter((r) => !['document', 'stylesheet', 'image', 'other'].includes(r.type))).toEqual([]);
    return made;
  };
  // Whatever a test clicked through, the same holds for its requests.
  afterEach(() => void expectCleanRequests());

  const path = () => new URL(page.url()).pathname;
  const demoBySlug = (slug: string) => {
    const found = demoArticles.find((a) => a.slug === slug);
    if (!found) throw new Error(`${slug} is not a demo article`);
    return found;
  };

  it('home → the lead story: headline, standfirst, byline, hero with caption and credit, body, Read more', async () => {
    const home = await page.goto(t.baseUrl + '/');
    expect(home?.status()).toBe(200);
    await expect(page.title()).resolves.toContain('Ilmara');

    const lead = page.locator('.card--lead .card__title a');
    const leadTitle = (await lead.textContent())!.trim();
    await lead.click();
    await page.waitForURL(/\/articles\/[a-z0-9-]+$/);
    const article = demoBySlug(path().split('/').pop()!);
    expect(leadTitle).toBe(shown(article));

    await expect(page.locator('h1').textContent()).resolves.toBe(shown(article));
    await expect(page.locator('.story__standfirst').textContent()).resolves.toBe(
      quoteText(article.standfirst, article.language),
    );
    const byline = (await page.locator('.byline__authors').textContent())!;
    for (const slug of article.authorSlugs) {
      expect(byline).toContain(demoAuthors.find((a) => a.slug === slug)!.name);
    }

    // The hero photo is there, loaded, described, and credited.
    const hero = page.locator('figure.story__hero');
    const img = hero.locator('img');
    await expect(img.getAttribute('alt')).resolves.toBe(article.hero.alt);
    const loaded = await img.evaluate((el: HTMLImageElement) => ({
      complete: el.complete,
      naturalWidth: el.naturalWidth,
      width: el.getBoundingClientRect().width,
      src: el.currentSrc,
    }));
    expect(loaded.complete).toBe(true);
    expect(loaded.naturalWidth).toBeGreaterThan(0);
    expect(loaded.width).toBeGreaterThan(300);
    expect(new URL(loaded.src).pathname).toMatch(/^\/media\//);
    await expect(hero.locator('figcaption .story__caption').textContent()).resolves.toBe(
      article.hero.caption,
    );
    await expect(hero.locator('figcaption .story__credit').textContent()).resolves.toBe(article.hero.credit);
    expect(await hero.locator('figcaption').isVisible()).toBe(true);

    // The body reads in full: every paragraph of the story is on the page, visibly.
    const body = page.locator('.story__body');
    expect(await body.isVisible()).toBe(true);
    const bodyText = (await body.textContent())!;
    // As typed, with straight quotes shown the language's way (never stored so).
    const sourceParagraphs = [...article.bodyHtml.matchAll(/<p>(.*?)<\/p>/gs)].map((m) =>
      quoteText(plainText(m[1]!), article.language),
    );
    expect(sourceParagraphs.length).toBeGreaterThanOrEqual(3);
    for (const paragraph of sourceParagraphs) expect(bodyText).toContain(paragraph);
    expect(await body.locator('p').last().isVisible()).toBe(true);

    // Read more: up to four other articles, headed as such.
    const readMore = page.locator('section.read-more');
    await expect(readMore.locator('h2').textContent()).resolves.toBe('Read more');
    const links = await readMore
      .locator('.card__title a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThanOrEqual(1);
    expect(links.length).toBeLessThanOrEqual(4);
    for (const href of links) expect(href).toMatch(/^\/articles\/[a-z0-9-]+$/);
    expect(links).not.toContain(path());
  });

  it('Read more leads to another full article', async () => {
    await page.goto(t.baseUrl + `/articles/${demo.english.slug}`);
    const from = path();
    const first = page.locator('section.read-more .card__title a').first();
    const title = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL((url) => url.pathname !== from && url.pathname.startsWith('/articles/'));
    await expect(page.locator('h1').textContent()).resolves.toBe(title);
    expect((await page.locator('.story__body').innerText()).length).toBeGreaterThan(1000);
  });

  it('the section navigation opens a section page listing its articles', async () => {
    await page.goto(t.baseUrl + '/');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: demo.section.name, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/tag/${demo.section.slug}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(demo.section.name);
    await expect(nav.locator('a[aria-current="page"]').textContent()).resolves.toBe(demo.section.name);
    const titles = await page.locator('.listing__list .card__title a').allTextContents();
    const expected = demoArticles
      .filter((a) => a.language === 'en' && a.hoursAgo >= 0 && a.tagSlugs[0] === demo.section.slug)
      .map(shown);
    expect(expected.length).toBeGreaterThan(0);
    for (const title of expected) expect(titles).toContain(title);
  });

  it('the search form, submitted without script, finds articles and highlights the words', async () => {
    await page.goto(t.baseUrl + '/');
    await page.locator('a.masthead__search').click();
    await page.waitForURL((url) => url.pathname === '/search');
    const form = page.getByRole('search');
    await form.getByRole('searchbox', { name: 'Search our articles' }).fill(demo.searchTerm);
    await form.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/search' && url.searchParams.get('q') === demo.searchTerm,
    );

    await expect(page.locator('h1').textContent()).resolves.toBe(`Results for “${demo.searchTerm}”`);
    const results = page.locator('ol.listing__list > li');
    const count = await results.count();
    expect(count).toBeGreaterThan(0);
    await expect(page.locator('.search__count').textContent()).resolves.toMatch(/^\d+ articles? found$/);
    const marks = await page.locator('ol.listing__list mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toMatch(/^lake/);
    // A highlighted result leads to its article.
    const titles = await results.locator('.card__title a').allTextContents();
    expect(titles).toContain(shown(demo.english));
    // The query stays in the box for refining.
    await expect(page.getByRole('searchbox').inputValue()).resolves.toBe(demo.searchTerm);
  });

  it('a pen name’s page never shows the real name', async () => {
    const response = await page.goto(t.baseUrl + `/author/${demo.penName.slug}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe(demo.penName.name);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(demo.penName.realName!);
    expect(await page.content()).not.toContain(demo.penName.realName!);
  });

  it('nothing overflows sideways on a 390×844 phone', async () => {
    const phone = await browser.newContext({
      javaScriptEnabled: false,
      viewport: viewports.mobile,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    record(phone);
    const mobile = await phone.newPage();
    const overflowing: string[] = [];
    for (const { path: pagePath, status } of auditedPages) {
      const response = await mobile.goto(t.baseUrl + pagePath);
      expect(response?.status(), pagePath).toBe(status);
      // Compared with the phone's width, not innerWidth: a mobile browser widens its layout
      // viewport (and zooms out) to fit content that is too wide, so innerWidth would grow too.
      const width = viewports.mobile.width;
      const { scrollWidth, innerWidth, wide } = await mobile.evaluate(
        (width) => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          // Elements poking out of the screen, besides the section list that scrolls on purpose.
          wide: [...document.body.querySelectorAll('*')]
            .filter((el) => !el.closest('.sections__list') && el.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        }),
        width,
      );
      if (scrollWidth > width || innerWidth !== width || wide.length > 0) {
        overflowing.push(
          `${pagePath}: scrollWidth ${scrollWidth}, innerWidth ${innerWidth} (${wide.join(', ')})`,
        );
      }
    }
    await phone.close();
    expect(overflowing).toEqual([]);
  });

  it('a listing uses the desktop width, stacks on a phone, and the phone shows the current section', async () => {
    const box = async (p: Page, selector: string) => (await p.locator(selector).first().boundingBox())!;
    // Desktop: the newest stories beside the list, the list keeping most of the width.
    await page.goto(t.baseUrl + '/tag/newsroom');
    const [main, aside] = [
      await box(page, '.listing-layout__main'),
      await box(page, '.listing-layout__aside'),
    ];
    expect(aside.x).toBeGreaterThan(main.x + main.width - 1);
    expect(Math.abs(aside.y - main.y)).toBeLessThan(5);
    expect(main.width).toBeGreaterThan(aside.width * 2);

    const phone = await browser.newContext({
      javaScriptEnabled: false,
      viewport: viewports.mobile,
      isMobile: true,
    });
    record(phone);
    const mobile = await phone.newPage();
    await mobile.goto(t.baseUrl + '/tag/newsroom');
    const [narrowMain, below] = [
      await box(mobile, '.listing-layout__main'),
      await box(mobile, '.listing-layout__aside'),
    ];
    expect(below.y).toBeGreaterThanOrEqual(narrowMain.y + narrowMain.height - 1);
    // The last section in the strip is the current one: it is in view without scrolling, and marked.
    const current = mobile.locator('.sections a[aria-current="page"]');
    await expect(current.textContent()).resolves.toBe('From the newsroom');
    const mark = (await current.boundingBox())!;
    expect(mark.x).toBeGreaterThanOrEqual(0);
    expect(mark.x + mark.width).toBeLessThanOrEqual(viewports.mobile.width);
    const underline = await current.evaluate((el) => getComputedStyle(el).borderBottomColor);
    const other = await mobile
      .locator('.sections a:not([aria-current])')
      .first()
      .evaluate((el) => getComputedStyle(el).borderBottomColor);
    expect(underline).not.toBe(other);
    await phone.close();
  });

  it('an author page shows the portrait, loaded from our own media, with its alt text', async () => {
    const response = await page.goto(t.baseUrl + `/author/${demo.portraitAuthor.slug}`);
    expect(response?.status()).toBe(200);
    const img = page.locator('.author-portrait img');
    await img.scrollIntoViewIfNeeded();
    await expect(img.getAttribute('alt')).resolves.toBe(demo.portraitAuthor.portrait!.alt);
    const { complete, naturalWidth, src } = await img.evaluate((el: HTMLImageElement) => ({
      complete: el.complete,
      naturalWidth: el.naturalWidth,
      src: el.currentSrc,
    }));
    expect(complete).toBe(true);
    expect(naturalWidth).toBeGreaterThan(0);
    expect(new URL(src).origin).toBe(new URL(t.baseUrl).origin);
    await expect(page.locator('.author-role').textContent()).resolves.toBe(demo.portraitAuthor.role);
    await expect(page.locator('.author-contact').innerText()).resolves.toContain(
      demo.portraitAuthor.signalUsername,
    );
  });

  it('the pages name no resource from elsewhere, not even one the CSP would block', async () => {
    const origin = new URL(t.baseUrl).origin;
    const foreign: string[] = [];
    for (const { path: pagePath } of auditedPages) {
      await page.goto(t.baseUrl + pagePath);
      const urls = await page.evaluate(() => {
        const found: string[] = [];
        const resolve = (value: string | null) => value && found.push(new URL(value, document.baseURI).href);
        // Links that only describe the page (canonical, feeds, hreflang) are not fetched.
        for (const el of document.querySelectorAll('link:not([rel~="canonical"]):not([rel~="alternate"])')) {
          resolve(el.getAttribute('href'));
        }
        for (const el of document.querySelectorAll('[src]')) resolve(el.getAttribute('src'));
        for (const el of document.querySelectorAll('[srcset]')) {
          for (const candidate of el.getAttribute('srcset')!.split(','))
            resolve(candidate.trim().split(/\s+/)[0]!);
        }
        for (const el of document.querySelectorAll('[poster], object[data], form[action]')) {
          resolve(el.getAttribute('poster') ?? el.getAttribute('data') ?? el.getAttribute('action'));
        }
        for (const el of document.querySelectorAll('[style]'))
          found.push(`inline style: ${el.getAttribute('style')}`);
        return found;
      });
      for (const url of urls) if (!url.startsWith(origin + '/')) foreign.push(`${pagePath}: ${url}`);
    }
    expect(foreign).toEqual([]);
  });

  it('every request went to the test server, none for fonts or analytics, none failed', async () => {
    requests.length = 0;
    for (const { path: pagePath } of auditedPages) await page.goto(t.baseUrl + pagePath);
    // The recorder saw them (documents, stylesheet, images), so the checks below are not vacuous.
    expect(expectCleanRequests().length).toBeGreaterThan(20);
  });
});
