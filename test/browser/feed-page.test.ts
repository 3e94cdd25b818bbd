// A reader who follows the footer's RSS or Atom link sees a page, not a wall of XML: the browser
// renders the feed through the site's own /feed.xsl, under the feed's Content Security Policy,
// in the feed's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { translate } from '../../src/i18n/index.ts';
import type { TestApp } from '../support/test-app.ts';
import { launchBrowser, noBrowserReason, startDemoSite } from '../support/browser.ts';

/** The first item's title as the feed states it (XML text, entities decoded). */
function firstTitle(xml: string, element: 'item' | 'entry'): string {
  const block = xml.slice(xml.indexOf(`<${element}`));
  const raw = /<title[^>]*>([^<]*)<\/title>/.exec(block)![1]!;
  return raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe.skipIf(noBrowserReason)('a feed opened in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startDemoSite('sqlite');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /**
   * Chromium 156 marks XSLT deprecated by adding a banner of its own to the result, with inline
   * styles and an inline handler: the feed's CSP rightly refuses those (our stylesheet makes
   * none; the test checks the page's own markup has none). Every other console error counts.
   */
  const browserBanner = (text: string) =>
    /^(Applying inline style|Executing inline event handler) violates the following Content Security Policy/.test(
      text,
    );

  /** Opens `path`, recording console errors and failed or refused loads. */
  async function open(path: string, edit?: (xml: string) => string) {
    const page: Page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      const text = m.text();
      if ((m.type() === 'error' || /Content Security Policy/i.test(text)) && !browserBanner(text)) {
        problems.push(text);
      }
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
    if (edit) {
      await page.route(`**${path}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: edit(await response.text()) });
      });
    }
    await page.goto(t.baseUrl + path);
    return { page, problems };
  }

  for (const [path, element] of [
    ['/feed.xml', 'item'],
    ['/atom.xml', 'entry'],
  ] as const) {
    it(`${path} reads as a page: what a feed is, how to follow it, the latest articles`, async () => {
      const xml = await (await t.fetch(path)).text();
      const { page, problems } = await open(path);
      try {
        await expect.poll(() => page.locator('h1').textContent()).toContain('Ilmara');
        expect(await page.locator('.feed-page__what').textContent()).toBe(translate('en', 'feedpage.what'));
        expect(await page.locator('.feed-page__address').textContent()).toContain(path);
        const first = page.locator('.feed-page__items a').first();
        expect(await first.textContent()).toBe(firstTitle(xml, element));
        expect(await first.getAttribute('href')).toMatch(/\/articles\//);
        // The theme's stylesheet applied: the page is laid out, not browser defaults.
        const width = await page.locator('main').evaluate((m) => getComputedStyle(m).maxWidth);
        expect(width).not.toBe('none');
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        // Inline styles and handlers only in the browser's own banner, never in our markup.
        const inline = await page.evaluate(
          () =>
            [...document.querySelectorAll('[style], [onclick], style, script')].filter(
              (el) => !el.closest('xslt-warning-banner'),
            ).length,
        );
        expect(inline).toBe(0);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('speaks the feed’s language', async () => {
    const { page, problems } = await open('/feed.xml', (xml) =>
      xml.replace('<language>en</language>', '<language>ru</language>'),
    );
    try {
      await expect
        .poll(() => page.locator('.feed-page__what').textContent())
        .toBe(translate('ru', 'feedpage.what'));
      expect(await page.locator('#feed-latest').textContent()).toBe(translate('ru', 'feedpage.latest'));
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
