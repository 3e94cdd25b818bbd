// The appeal in Chromium, with the reader's clock under the test's control (context.clock): the
// dialog opens on the third article; "Remind me later" keeps every appeal hidden across page
// loads until the snooze ends; after a gift (the thank-you page's supporter marker) it never
// shows again; an excluded section never opens it. Counts reach the server with no identifier.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { systemActor } from '../../src/modules/staff/index.ts';
import type { TestApp } from '../support/test-app.ts';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import { startAppealSite } from '../support/appeal-site.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 1, 9);
const article = (slug: string) => `/articles/${slug}`;
const ENVIRONMENT = [
  'lake-tuvor-is-shrinking-satellite-images',
  'ilmara-runs-red-below-sertovo-smelter',
  'sarnic-hills-logging-sanitary-felling-permits',
];
const OTHERS = [
  'sertovo-aluminium-works-sold-for-a-tenth',
  'talen-lost-a-fifth-of-its-value-central-bank',
  'twelve-chairs-in-a-basement-theatre-varensk',
  'kitchen-songs-exiles-rewriting-kestavian-folk-music',
];

describe.skipIf(noBrowserReason)('the appeal in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  const beacons: Array<{ body: string; headers: Record<string, string> }> = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startAppealSite('sqlite'), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function reader(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    await context.clock.install({ time: T0 });
    context.on('request', (request: Request) => {
      if (request.url().endsWith('/support/events')) {
        beacons.push({ body: request.postData() ?? '', headers: request.headers() });
      }
    });
    return { context, page: await context.newPage() };
  }

  async function visit(page: Page, path: string) {
    const response = await page.goto(t.baseUrl + path);
    expect(response?.status()).toBe(200);
    // The script runs at DOMContentLoaded (defer).
    await page.waitForFunction(() => document.readyState !== 'loading');
  }

  const dialogOpen = (page: Page) =>
    page.locator('#appeal-dialog').evaluate((d) => (d as HTMLDialogElement).open);
  const bannerHidden = (page: Page) =>
    page.locator('[data-appeal-banner]').evaluate((b) => (b as HTMLElement).hidden);
  const stats = () => t.services.appeal.stats(systemActor, { days: 3650 });

  it('opens on the third article, not before, and counts the view anonymously', async () => {
    const { context, page } = await reader();
    await visit(page, article(OTHERS[0]!));
    expect(await dialogOpen(page)).toBe(false);
    await visit(page, '/'); // not an article: not counted
    expect(await dialogOpen(page)).toBe(false);
    await visit(page, article(OTHERS[1]!));
    expect(await dialogOpen(page)).toBe(false);
    await visit(page, article(OTHERS[2]!));
    expect(await dialogOpen(page)).toBe(true);
    expect(await page.locator('#appeal-dialog h2').textContent()).toBe('Support Ilmara!');
    await expect.poll(async () => (await stats()).variants[0]!.views).toBe(1);
    const sent = beacons.at(-1)!;
    expect(JSON.parse(sent.body)).toEqual({ variant: 'control', event: 'view' });
    expect(sent.headers.cookie).toBeUndefined();

    // Closing counts a dismissal; the frequency cap keeps it closed on the next article.
    await page.locator('[data-appeal-close]').click();
    expect(await dialogOpen(page)).toBe(false);
    await expect.poll(async () => (await stats()).variants[0]!.dismissals).toBe(1);
    await visit(page, article(OTHERS[3]!));
    expect(await dialogOpen(page)).toBe(false);
    await context.close();
  });

  it('"Remind me later" hides every appeal across page loads until the snooze ends', async () => {
    const { context, page } = await reader();
    for (const slug of OTHERS.slice(0, 3)) await visit(page, article(slug));
    expect(await dialogOpen(page)).toBe(true);
    await page.locator('#appeal-dialog [data-appeal-snooze]').click();
    expect(await dialogOpen(page)).toBe(false);
    expect(await bannerHidden(page)).toBe(true);
    await expect.poll(async () => (await stats()).variants[0]!.snoozes).toBe(1);

    for (const [i, at] of [T0 + DAY, T0 + 3 * DAY, T0 + 7 * DAY - 60_000].entries()) {
      await context.clock.setSystemTime(at);
      await visit(page, article(OTHERS[i % OTHERS.length]!));
      expect(await dialogOpen(page), `day ${(at - T0) / DAY}`).toBe(false);
      expect(await bannerHidden(page)).toBe(true);
      expect(await page.locator('[data-appeal-inline]').evaluate((e) => (e as HTMLElement).hidden)).toBe(
        true,
      );
    }

    // The snooze (7 days by default) is over.
    await context.clock.setSystemTime(T0 + 7 * DAY + 60_000);
    await visit(page, article(OTHERS[3]!));
    expect(await bannerHidden(page)).toBe(false);
    expect(await dialogOpen(page)).toBe(true);
    await context.close();
  });

  it('never shows to a supporter (marked by the thank-you page after a gift)', async () => {
    const { context, page } = await reader();
    for (const slug of OTHERS.slice(0, 3)) await visit(page, article(slug));
    expect(await dialogOpen(page)).toBe(true);
    // The dialog's form: Annual, $60, the test rail; Continue posts to the checkout.
    await page.locator('#dialog-frequency-annual').check();
    expect(
      await page.locator('#appeal-dialog [data-frequency="annual"][data-currency="USD"]').isVisible(),
    ).toBe(true);
    expect(
      await page.locator('#appeal-dialog [data-frequency="monthly"][data-currency="USD"]').isVisible(),
    ).toBe(false);
    expect(await page.locator('#dialog-annual-USD-1').isChecked()).toBe(true);
    await page.locator('#appeal-dialog .appeal-form__continue').click();
    // The TEST rail's checkout shows what the form asked for; paying leads to the thank-you page.
    await page.waitForURL('**/support/test-checkout/**');
    expect(await page.locator('main').textContent()).toContain('$60');
    await page.locator('#donor-email').fill('reader@example.org');
    await page.locator('button[value="succeed"]').click();
    await page.waitForSelector('[data-samizdat-supporter]');
    await expect.poll(async () => (await stats()).variants[0]!.conversion_clicks).toBeGreaterThan(0);
    await expect.poll(async () => (await stats()).variants[0]!.conversions).toBe(1);
    await page.waitForFunction(() => localStorage.getItem('samizdat:supporter') !== null);

    for (const [i, at] of [T0, T0 + 30 * DAY, T0 + 400 * DAY].entries()) {
      await context.clock.setSystemTime(at);
      await visit(page, article(OTHERS[i]!));
      expect(await dialogOpen(page)).toBe(false);
      expect(await bannerHidden(page)).toBe(true);
    }
    await context.close();
  });

  it('never opens in an excluded section', async () => {
    await t.services.appeal.update(systemActor, {
      excluded_sections: ['environment'],
      views_before_dialog: 1,
    });
    try {
      const { context, page } = await reader();
      for (const slug of ENVIRONMENT) {
        await visit(page, article(slug));
        expect(await page.locator('[data-appeal-article]').getAttribute('data-section')).toBe('environment');
        expect(await dialogOpen(page)).toBe(false);
      }
      // Elsewhere it does (so the test above is not passing for another reason).
      await visit(page, article(OTHERS[0]!));
      expect(await dialogOpen(page)).toBe(true);
      await context.close();
    } finally {
      await t.services.appeal.update(systemActor, { excluded_sections: [], views_before_dialog: 3 });
    }
  });

  it(
    'pages with the banner, the inline appeal, the open dialog and /support pass axe under the strict CSP',
    { timeout: 120_000 },
    async () => {
      // Real timers here: axe needs them (the other tests fake the clock).
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      const axe = async (what: string) => {
        await page.evaluate(axeSource);
        const results = await page.evaluate(
          (tags) =>
            (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
              runOnly: { type: 'tag', values: tags },
              resultTypes: ['violations'],
            }),
          AXE_TAGS,
        );
        const found = (results as AxeResults).violations.flatMap((v) =>
          v.nodes.map((n) => `${what}: ${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
        );
        expect(found).toEqual([]);
      };
      for (const path of [
        '/support',
        '/ru/support',
        article(OTHERS[0]!),
        article('ozero-tuvor-meleet-sputnikovye-snimki'),
      ]) {
        await visit(page, path);
        await axe(path);
      }
      await visit(page, article(OTHERS[1]!));
      expect(await dialogOpen(page)).toBe(true);
      await axe('the open dialog');
      expect(violations).toEqual([]);
      await context.close();
    },
  );
});
