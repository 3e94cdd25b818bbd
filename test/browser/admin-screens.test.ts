// Every admin screen in Chromium, signed in as the owner of the demo publication: the articles
// list shows the demo articles and its filters work; axe-core finds no violation on any screen
// (English and Russian); the keyboard alone gets around (skip link first, focus visible, labels).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoArticles } from '../../src/modules/demo/index.ts';
import { launchBrowser, noBrowserReason, viewports } from '../support/browser.ts';
import {
  confirmEnrolment,
  setUpOwnerInBrowser,
  startAdminSite,
  type AdminSite,
} from '../support/admin-site.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function runAxe(page: Page): Promise<AxeResults> {
  await page.evaluate(axeSource);
  return page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
}
const describeViolations = (violations: Result[]) =>
  violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );

/** Signed-in screens, and what each shows when it is ready. */
const SCREENS: Array<{ path: string; heading: string }> = [
  { path: '/admin/', heading: 'Articles' },
  { path: '/admin/articles/new', heading: '' },
  { path: '/admin/media', heading: '' },
  { path: '/admin/tags', heading: 'Tags and sections' },
  { path: '/admin/authors', heading: 'Authors' },
  { path: '/admin/staff', heading: 'Staff' },
  { path: '/admin/keys', heading: 'API keys' },
  { path: '/admin/settings', heading: 'Settings' },
  { path: '/admin/audit', heading: 'Audit log' },
  { path: '/admin/revenue', heading: 'Reader revenue' },
  { path: '/admin/newsletters', heading: 'Newsletters' },
  { path: '/admin/subscribers', heading: 'Subscribers' },
  { path: '/admin/redirects', heading: 'Redirects' },
  { path: '/admin/appeal', heading: 'Appeal' },
  { path: '/admin/account', heading: 'Your account' },
  { path: '/admin/nothing-here', heading: '' },
];
/** Screens for the signed out. */
const PUBLIC_SCREENS = [
  '/admin/sign-in',
  '/admin/reset',
  '/admin/reset?token=reset_wrong',
  '/admin/invite?token=invite_wrong',
];

describe.skipIf(noBrowserReason)('admin screens in a browser', () => {
  let site: AdminSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startAdminSite({ demo: true }), launchBrowser()]);
    context = await browser.newContext({ viewport: viewports.desktop });
    page = await context.newPage();
    const secret = await setUpOwnerInBrowser(page, site);
    await confirmEnrolment(page, site, secret);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await site?.t.close();
  });

  const rowTitles = async () => page.locator('tbody tr td:nth-child(2)').allTextContents();
  const waitForList = async () => {
    await page.locator('table, main p:has-text("No articles match")').first().waitFor();
    await page.waitForLoadState('networkidle');
  };

  it('lists the demo articles, newest first, with paging', async () => {
    await page.goto(`${site.t.baseUrl}/admin/`);
    await waitForList();
    const titles = await rowTitles();
    expect(titles.length).toBe(Math.min(25, demoArticles.length));
    for (const title of titles) expect(demoArticles.map((a) => a.title)).toContain(title);
    expect(await page.getByRole('status').filter({ hasText: 'articles' }).textContent()).toBe(
      `${demoArticles.length} articles`,
    );
  });

  it('filters by search, language, section and status, and keeps the filters in the address', async () => {
    await page.getByLabel('Search', { exact: true }).fill('lake');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('lake');
    await waitForList();
    // The list is replaced when the new answer arrives: wait for it rather than for the network.
    await expect
      .poll(async () => {
        const lake = await rowTitles();
        return lake.length > 0 && lake.every((title) => title.toLowerCase().includes('lake'));
      })
      .toBe(true);

    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?language=ru');
    await waitForList();
    const russian = demoArticles
      .filter((a) => a.language === 'ru')
      .map((a) => a.title)
      .sort();
    await expect.poll(async () => (await rowTitles()).sort()).toEqual(russian);

    await page.getByLabel('Language', { exact: true }).selectOption('');
    await page.getByLabel('Section', { exact: true }).selectOption('environment');
    await page.getByLabel('Status', { exact: true }).selectOption('published');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('section')).toBe('environment');
    await waitForList();
    await expect
      .poll(async () => {
        const cells = await page.locator('tbody tr td:nth-child(4)').allTextContents();
        return cells.length > 0 && cells.every((cell) => cell.includes('Environment'));
      })
      .toBe(true);
    for (const cell of await page.locator('tbody tr td:nth-child(3)').allTextContents())
      expect(cell).toBe('Published');

    // A reload shows the same filtered list: the filters live in the address.
    await page.reload();
    await waitForList();
    expect(await page.getByLabel('Section', { exact: true }).inputValue()).toBe('environment');
  });

  it('unpublishes the selected articles', async () => {
    await page.goto(`${site.t.baseUrl}/admin/?section=environment&status=published`);
    await waitForList();
    const before = await rowTitles();
    const boxes = page.locator('tbody input[type="checkbox"]');
    await boxes.nth(0).check();
    await page.getByRole('button', { name: 'Unpublish selected (1)' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'unpublished' }).count()).toBe(1);
    // The list is fetched again after the answer: wait for it rather than for the network to idle,
    // which can happen before the refetch starts.
    await expect.poll(rowTitles).not.toContain(before[0]);
    const unpublished = await page.evaluate(() =>
      fetch('/api/admin/v1/articles?status=unpublished').then(
        (r) => r.json() as Promise<{ articles: { title: string }[] }>,
      ),
    );
    expect(unpublished.articles.map((a) => a.title)).toEqual([before[0]]);
  });

  for (const viewport of ['desktop', 'mobile'] as const) {
    it(`axe finds nothing on any signed-in screen (${viewport})`, async () => {
      await page.setViewportSize(viewports[viewport]);
      const problems: string[] = [];
      for (const screen of SCREENS) {
        await page.goto(`${site.t.baseUrl}${screen.path}`);
        if (screen.heading) await page.getByRole('heading', { level: 1, name: screen.heading }).waitFor();
        else await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const results = await runAxe(page);
        problems.push(...describeViolations(results.violations).map((p) => `${screen.path}: ${p}`));
      }
      expect(problems).toEqual([]);
      await page.setViewportSize(viewports.desktop);
    }, 120_000);
  }

  it('axe finds nothing on the screens before sign-in, in English and Russian', async () => {
    const problems: string[] = [];
    for (const locale of ['en-GB', 'ru-RU']) {
      const other = await browser.newContext({ locale });
      const p = await other.newPage();
      for (const path of PUBLIC_SCREENS) {
        await p.goto(`${site.t.baseUrl}${path}`);
        await p.locator('h1').first().waitFor();
        await p.waitForLoadState('networkidle');
        const results = await runAxe(p);
        problems.push(...describeViolations(results.violations).map((v) => `${locale} ${path}: ${v}`));
      }
      if (locale === 'ru-RU') expect(await p.locator('html').getAttribute('lang')).toBe('ru');
      await other.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('speaks Russian to a staff member who chose it, on every screen', async () => {
    await page.goto(`${site.t.baseUrl}/admin/account`);
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ваша учётная запись' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    const problems: string[] = [];
    for (const screen of SCREENS) {
      await page.goto(`${site.t.baseUrl}${screen.path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      if (screen.path !== '/admin/nothing-here') {
        expect(await page.getByRole('navigation', { name: 'Разделы редакции' }).textContent()).toContain(
          'Статьи',
        );
      }
      problems.push(
        ...describeViolations((await runAxe(page)).violations).map((p) => `ru ${screen.path}: ${p}`),
      );
    }
    expect(problems).toEqual([]);
    await page.goto(`${site.t.baseUrl}/admin/account`);
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  }, 120_000);

  it('works by keyboard: the skip link comes first and moves focus to the content; focus is visible', async () => {
    await page.goto(`${site.t.baseUrl}/admin/tags`);
    await page.getByRole('heading', { level: 1, name: 'Tags and sections' }).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return { text: el.textContent, top: box.top, outline: getComputedStyle(el).outlineStyle };
    });
    expect(first.text).toBe('Skip to content');
    expect(first.top).toBeGreaterThanOrEqual(0); // shown when focused
    expect(first.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // On to the form: every control reached by Tab shows a focus ring and has a label.
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const labelled =
          el.tagName === 'A' || el.tagName === 'BUTTON'
            ? (el.textContent ?? '').trim() || el.getAttribute('aria-label')
            : ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label'));
        return { tag: el.tagName, outline: style.outlineStyle, labelled };
      });
      expect(info.outline, JSON.stringify(info)).not.toBe('none');
      expect(info.labelled, JSON.stringify(info)).toBeTruthy();
      seen.push(info.tag);
    }
    expect(seen).toContain('INPUT');
    // Adding a tag with the keyboard alone.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('Keyboard tag');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'Keyboard tag', exact: true }).waitFor();
  });

  it('each screen moves focus to its heading when opened from the navigation', async () => {
    await page.goto(`${site.t.baseUrl}/admin/`);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await page.getByRole('link', { name: 'Authors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Authors' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByRole('link', { name: 'Authors' }).getAttribute('aria-current')).toBe('page');
  });
  it('sets the time zone and the languages with pages of their own on the settings screen', async () => {
    await page.goto(`${site.t.baseUrl}/admin/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const russian = page.getByRole('checkbox', { name: 'Русский' });
    expect(await russian.isChecked()).toBe(true);
    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Riga');
    await russian.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(site.t.services.settings.get()).toMatchObject({ time_zone: 'Europe/Riga', languages: [] });
    expect((await site.t.fetch('/ru/')).status).toBe(404);
    // As it was, for the screens after this one.
    await page.getByRole('checkbox', { name: 'Русский' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => site.t.services.settings.get().languages).toEqual(['ru']);
  });

  it('shows an admin the real name behind a pen name only when asked, and records the look', async () => {
    await page.goto(`${site.t.baseUrl}/admin/authors`);
    await page.getByRole('heading', { level: 1, name: 'Authors' }).waitFor();
    await page.locator('table').waitFor();
    // Demo pen name Nika Dorn: the real name is nowhere in the page until the button is pressed.
    expect(await page.content()).not.toContain('Daria Lenkova');
    await page.getByRole('button', { name: 'Show real name Nika Dorn' }).click();
    await page.getByText('Daria Lenkova').waitFor();
    const audit = await site.t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_kind', 'origin'])
      .where('action', '=', 'author.real_name_read')
      .execute();
    expect(audit).toEqual([{ actor_kind: 'staff', origin: 'admin app' }]);
  });
});
