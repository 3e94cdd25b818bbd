// Redirects and the appeal in Chromium. An editor adds a redirect (the old address then answers
// 301 to it), finds it, downloads the CSV, is told why a bad target is refused, and removes it.
// An admin changes the appeal's letter, when it opens, an excluded section and its variants (a
// change the server refuses changes nothing), and reads each variant's counts and readout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import { adminClient } from '../support/admin-client.ts';
import { startAdminSite, staffContext, type StaffContext } from '../support/admin-browser.ts';
import { axeViolations } from '../support/axe.ts';
import type { TestApp } from '../support/test-app.ts';

describe.skipIf(noBrowserReason)('redirects and the appeal in the admin', () => {
  let t: TestApp;
  let browser: Browser;
  let editor: StaffContext;
  let admin: StaffContext;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startAdminSite(), launchBrowser()]);
    const api = adminClient(t, await t.key('owner'));
    expect((await api.post('/tags', { name: 'Opinion', is_section: true })).status).toBe(201);
    // The support page is the appeal's: switched on as a newsroom would.
    expect((await api.patch('/settings', { features: { support: true } })).status).toBe(200);
    editor = await staffContext(browser, t, 'editor');
    admin = await staffContext(browser, t, 'admin');
    page = await editor.context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const status = async (path: string) => (await t.fetch(path, { redirect: 'manual' })).status;

  it('an editor adds a redirect and the old address answers with it', async () => {
    await page.goto(`${t.baseUrl}/admin/`);
    await page.getByRole('link', { name: 'Redirects' }).click();
    await page.getByRole('heading', { level: 1, name: 'Redirects' }).waitFor();
    await page.getByText('No redirects match.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await status('/2019/05/old-story/')).toBe(404);

    await page.getByLabel('Old address').fill('/2019/05/old-story/');
    await page.getByLabel('Goes to').fill('/about');
    await page.getByRole('button', { name: 'Add the redirect' }).click();
    await page.getByRole('status').filter({ hasText: 'now goes to /about' }).waitFor();
    await page.getByRole('cell', { name: '/about' }).waitFor();
    const res = await t.fetch('/2019/05/old-story/', { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(new URL(res.headers.get('location')!, t.baseUrl).pathname).toBe('/about');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses a bad target with the reason, changing nothing; finds and exports', async () => {
    await page.getByLabel('Old address').fill('/old-two');
    await page.getByLabel('Goes to').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Add the redirect' }).click();
    await page.getByRole('alert').waitFor();
    expect(await status('/old-two')).toBe(404);
    await page.getByLabel('Old address').fill('/old-two');
    await page.getByLabel('Goes to').fill('https://archive.example.org/two');
    await page.getByRole('button', { name: 'Add the redirect' }).click();
    await page.getByRole('cell', { name: 'https://archive.example.org/two' }).waitFor();

    await page.getByLabel('Search').fill('2019');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('2019');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);

    const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    const csv = await page.evaluate((url) => fetch(url!).then((r) => r.text()), href);
    expect(csv).toMatch(/^path,location,status,origin,article_id/);
    expect(csv).toContain('/old-two');
  });

  it('removes a redirect', async () => {
    await page.getByRole('button', { name: /^Delete the redirect of \/2019\/05\/old-story/ }).click();
    await page.getByRole('status').filter({ hasText: 'is removed' }).waitFor();
    await page.getByText('No redirects match.').waitFor();
    expect(await status('/2019/05/old-story/')).toBe(404);
  });

  it('an admin changes the appeal; a change the server refuses changes nothing', async () => {
    const p = await admin.context.newPage();
    await p.goto(`${t.baseUrl}/admin/`);
    await p.getByRole('link', { name: 'Appeal' }).click();
    await p.getByRole('heading', { level: 1, name: 'Appeal' }).waitFor();
    await p.getByLabel('Letter (English)').waitFor();
    expect(await axeViolations(p)).toEqual([]);

    await p.getByLabel('Letter (English)').fill('We are twelve people in a flat by the river.');
    await p.getByLabel('Articles read before it opens').fill('5');
    await p.getByRole('checkbox', { name: 'Opinion' }).check();
    await p.getByRole('button', { name: 'Add a variant' }).click();
    await p.getByLabel('Name of variant 2').fill('short');
    await p.getByText('Words and amounts of short').click();
    await p.getByLabel('Title of short (English)').fill('Twelve people, one river');
    await p.getByLabel('short: Once amounts in USD').fill('3 7.50');
    await p.getByRole('button', { name: 'Save the appeal' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = (await admin.api('GET', '/appeal')).json as { appeal: Record<string, unknown> };
    expect(saved.appeal).toMatchObject({
      letter: { en: 'We are twelve people in a flat by the river.' },
      views_before_dialog: 5,
      excluded_sections: ['opinion'],
      variants: [
        expect.objectContaining({ id: 'control', amounts: {} }),
        expect.objectContaining({ id: 'short', weight: 1 }),
      ],
    });
    const short = (saved.appeal.variants as Array<Record<string, unknown>>)[1]!;
    expect(short.title).toEqual({ en: 'Twelve people, one river' });
    expect(short.amounts).toEqual({ USD: { once: [300, 750] } });
    const supportPage = await (await t.fetch('/support')).text();
    expect(supportPage).toContain('We are twelve people in a flat by the river.');

    // Amounts that are not amounts: refused on the page, nothing sent.
    await p.getByLabel('short: Monthly amounts in USD').fill('two');
    await p.getByRole('button', { name: 'Save the appeal' }).click();
    await p.getByRole('alert').filter({ hasText: 'The USD monthly amounts of short' }).waitFor();
    expect((await admin.api('GET', '/appeal')).json).toEqual(saved);
    await p.getByLabel('short: Monthly amounts in USD').fill('');

    // Every variant paused: the server refuses, the page says so, nothing changes.
    await p.getByLabel('Weight of control').fill('0');
    await p.getByLabel('Weight of short').fill('0');
    await p.getByRole('button', { name: 'Save the appeal' }).click();
    await p.getByRole('alert').waitFor();
    expect((await admin.api('GET', '/appeal')).json).toEqual(saved);
    await p.close();
  });

  it('shows each variant’s counts and how it compares with the first', async () => {
    for (let i = 0; i < 30; i++) {
      for (const variant of ['control', 'short']) {
        const res = await t.fetch('/support/events', {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          body: JSON.stringify({ variant, event: 'view' }),
        });
        expect(res.status).toBe(204);
      }
    }
    const p = await admin.context.newPage();
    await p.goto(`${t.baseUrl}/admin/appeal`);
    const stats = p.locator('section[aria-labelledby="appeal-stats"]');
    await stats.getByRole('row', { name: /^short 30/ }).waitFor();
    await stats.getByRole('row', { name: /^control 30/ }).waitFor();
    const readout = await p.getByTestId('appeal-readout').textContent();
    expect(readout).toMatch(/^short \(0%\) against control \(0%\):/);
    expect(readout).toMatch(/not yet significant|too few views to tell/);
    await stats.getByLabel('Period').selectOption('7');
    await stats.getByRole('row', { name: /^short 30/ }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
  });
});
