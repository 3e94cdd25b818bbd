// axe-core in the page, on every kind of public page, at desktop and phone widths: no violation of
// WCAG 2.0/2.1/2.2 A and AA or of axe's best practices. The pages keep their strict CSP: axe is
// evaluated over the DevTools protocol, which the CSP does not govern, so nothing is bypassed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { describeViolations, runAxe } from '../support/axe.ts';
import {
  auditedPages,
  freshPages,
  launchBrowser,
  noBrowserReason,
  startDemoSite,
  startFreshSite,
  viewports,
} from '../support/browser.ts';

describe.skipIf(noBrowserReason).each(testDatabases)('accessibility (axe-core) on %s', (dialect) => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startDemoSite(dialect), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(Object.entries(viewports))('%s', (_name, viewport) => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      // JavaScript stays on here only because axe itself needs timers; the pages have no script.
      context = await browser.newContext({ viewport });
      page = await context.newPage();
    });
    afterAll(async () => context?.close());

    it.each(auditedPages)(
      '$name ($path) has no violations',
      { timeout: 60_000 },
      async ({ path, status }) => {
        const response = await page.goto(t.baseUrl + path);
        expect(response?.status()).toBe(status);
        const results = await runAxe(page);
        expect(describeViolations(results.violations)).toEqual([]);
        // Sanity: axe really looked at this page.
        expect(results.url).toBe(t.baseUrl + path);
      },
    );
  });

  describe('a fresh install (nothing published, no logo, a pale accent)', () => {
    let fresh: TestApp;
    let context: BrowserContext;
    beforeAll(async () => {
      fresh = await startFreshSite(dialect);
      context = await browser.newContext();
    }, 60_000);
    afterAll(async () => {
      await context?.close();
      await fresh?.close();
    });

    it('says nothing is published yet instead of showing an empty page', async () => {
      const page = await context.newPage();
      await page.goto(fresh.baseUrl + '/');
      await expect(page.locator('main').innerText()).resolves.toContain(
        'Nothing has been published here yet.',
      );
      await expect(page.locator('h1').innerText()).resolves.toBe('The Pale Gazette');
      await page.close();
    });

    it.each(
      Object.entries(viewports).flatMap(([width, viewport]) =>
        freshPages.map((p) => ({ ...p, width, viewport })),
      ),
    )('$name at $width has no violations', { timeout: 60_000 }, async ({ path, status, viewport }) => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const response = await page.goto(fresh.baseUrl + path);
      expect(response?.status()).toBe(status);
      expect(describeViolations((await runAxe(page)).violations)).toEqual([]);
      await page.close();
    });
  });

  it('the keyboard reaches the skip link first, and it moves focus to the content', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t.baseUrl + auditedPages[1]!.path);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return { text: el.textContent, href: el.getAttribute('href'), top: box.top, height: box.height };
    });
    expect(skip).toMatchObject({ text: 'Skip to content', href: '#main' });
    // Shown on focus, inside the viewport.
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.height).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await context.close();
  });
});
