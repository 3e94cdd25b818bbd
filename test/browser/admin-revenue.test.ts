// The reader revenue dashboard in Chromium, signed in as an admin: gifts made through the real
// TEST checkout show in the figures, the SVG chart (named, described, with its table) and the
// gifts and supporters lists; the CSV link downloads them; the donation rules form changes what
// the server enforces and refuses bad input changing nothing. An editor sees no revenue anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import { startAdminSite, staffContext, type StaffContext } from '../support/admin-browser.ts';
import { axeViolations } from '../support/axe.ts';
import type { TestApp } from '../support/test-app.ts';
import { form } from '../support/form-post.ts';

describe.skipIf(noBrowserReason)('reader revenue in the admin', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: StaffContext;
  let page: Page;
  let currency: string;

  /** A gift through the public form and the TEST checkout, as a reader makes one. */
  async function give(fields: Record<string, string>, outcome = 'succeed') {
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency: 'once', currency, rail: 'test', source: 'banner', ...fields }),
    );
    expect(start.status).toBe(303);
    const path = new URL(start.headers.get('location')!, 'https://news.example').pathname;
    const pay = await t.fetch(
      path,
      form({ outcome, email: fields.email ?? 'reader@example.org', name: 'A Reader' }),
    );
    expect(pay.status).toBeLessThan(400);
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([startAdminSite(), launchBrowser()]);
    currency = (await t.services.donations.publicRules()).defaultCurrency;
    await give({ amount: '12.50', variant: 'b', email: 'one@example.org' });
    await give({ amount: '5', frequency: 'monthly', variant: 'control', email: 'two@example.org' });
    await give({ amount: '7', variant: 'b' }, 'cancel');
    await t.services.jobs.runUntilIdle?.();
    admin = await staffContext(browser, t, 'admin');
    page = await admin.context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const money = (minor: number) =>
    new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);

  it('is in the navigation and shows the figures, the chart with its table, and no axe violation', async () => {
    await page.goto(`${t.baseUrl}/admin/`);
    await page.getByRole('link', { name: 'Reader revenue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reader revenue' }).waitFor();
    const figures = page.getByTestId('revenue-figures');
    await figures.waitFor();
    const text = await figures.textContent();
    expect(text).toContain(`One-time gifts${money(1250)}`);
    expect(text).toContain(`Recurring, per month${money(500)}`);
    expect(text).toContain('Active recurring supporters1');

    // The chart is an image named by its title and description; its figures are in a table too.
    const chart = page.getByRole('img', { name: /New and cancelled supporters per month/ });
    await chart.waitFor();
    const month = new Date().toISOString().slice(0, 7);
    expect(await chart.locator('text').allTextContents()).toContain(month);
    expect(await chart.locator('rect[data-value]').count()).toBe(2);
    await page.getByText('New and cancelled supporters per month as a table').click();
    const row = page.getByRole('row', { name: new RegExp(month) });
    expect((await row.locator('td').allTextContents())[0]).toBe('2');

    const conversion = page.getByRole('img', { name: /Conversion per appeal variant/ });
    await conversion.waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lists the gifts, filters them by status, and downloads them as CSV', async () => {
    const gifts = page.locator('section[aria-labelledby="gifts-title"]');
    await gifts.locator('tbody tr').first().waitFor();
    expect(await gifts.locator('tbody tr').count()).toBe(3);
    await gifts.getByLabel('Status').selectOption('cancelled');
    await expect.poll(() => gifts.locator('tbody tr').count()).toBe(1);
    expect(await gifts.locator('tbody tr td').nth(3).textContent()).toBe('Cancelled');
    await gifts.getByLabel('Status').selectOption('');
    await expect.poll(() => gifts.locator('tbody tr').count()).toBe(3);

    const supporters = page.locator('section[aria-labelledby="supporters-title"]');
    await supporters.getByRole('cell', { name: 'one@example.org' }).waitFor();
    await supporters.getByRole('cell', { name: 'two@example.org' }).waitFor();

    const href = await page.getByRole('link', { name: 'Download gifts as CSV' }).getAttribute('href');
    const csv = await page.evaluate((url) => fetch(url!).then((r) => r.text()), href);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,created_at/);
    expect(lines).toHaveLength(4);
    expect(csv).toContain(',1250,');
  });

  it('changes the donation rules the server enforces, and refuses bad input changing nothing', async () => {
    const section = page.locator('section[aria-labelledby="rules-title"]');
    const rules = section.getByRole('group', { name: currency });
    await rules.getByLabel('Smallest gift').waitFor();
    await rules.getByLabel('Smallest gift').fill('3');
    await rules.getByLabel('Suggested one-time amounts').fill('3 6 9');
    await section.getByRole('button', { name: 'Save the rules' }).click();
    await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await t.services.donations.publicRules();
    const rule = saved.currencies.find((c) => c.code === currency)!;
    expect(rule).toMatchObject({ minimumMinor: 300 });
    expect(rule.suggested.once).toEqual([300, 600, 900]);
    // A gift below the new minimum is refused by the server.
    const small = await t.fetch(
      '/support/checkout',
      form({ frequency: 'once', currency, rail: 'test', amount: '2' }),
    );
    expect(small.status).toBe(400);

    await rules.getByLabel('Largest gift').fill('2');
    await section.getByRole('button', { name: 'Save the rules' }).click();
    await section.getByRole('alert').filter({ hasText: 'is above the largest' }).waitFor();
    await rules.getByLabel('Largest gift').fill('ten');
    await section.getByRole('button', { name: 'Save the rules' }).click();
    await section.getByRole('alert').filter({ hasText: 'not a positive number' }).waitFor();
    expect(await t.services.donations.publicRules()).toEqual(saved);
  });

  it('shows an editor no revenue, subscribers or appeal, but newsletters and redirects', async () => {
    const editor = await staffContext(browser, t, 'editor');
    const p = await editor.context.newPage();
    await p.goto(`${t.baseUrl}/admin/`);
    const nav = p.getByRole('navigation', { name: 'Admin sections' });
    await nav.getByRole('link', { name: 'Articles' }).waitFor();
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toContain('Newsletters');
    expect(links).toContain('Redirects');
    for (const hidden of ['Reader revenue', 'Subscribers', 'Appeal', 'Settings'])
      expect(links).not.toContain(hidden);
    // Typed in by hand, the screen says the role does not allow it (no broken page).
    await p.goto(`${t.baseUrl}/admin/revenue`);
    await p.getByRole('alert').filter({ hasText: 'Your role does not allow this.' }).first().waitFor();
    await editor.context.close();
  });

  it('speaks Russian, the chart and its table too, with no axe violation', async () => {
    expect((await admin.api('PATCH', '/auth/me', { language: 'ru' })).status).toBe(204);
    await page.goto(`${t.baseUrl}/admin/revenue`);
    await page.getByRole('heading', { level: 1, name: 'Доходы от читателей' }).waitFor();
    const chart = page.getByRole('img', { name: /Новые и ушедшие сторонники по месяцам/ });
    await chart.waitFor();
    await page.getByText('Новые и ушедшие сторонники по месяцам: таблица').click();
    await page.getByRole('columnheader', { name: 'Ушедшие' }).waitFor();
    expect(await page.getByTestId('revenue-figures').textContent()).toContain('Разовые пожертвования');
    expect(await axeViolations(page)).toEqual([]);
  });
});
