// Newsletters in Chromium: an admin opens the weekly list's next issue (assembled from what was
// published), edits its subject and introduction, reorders, removes and adds articles, sends it
// and watches the progress reach every confirmed subscriber (the mail is in the outbox); sends a
// breaking-news issue from one article; on the subscribers screen reads the counts, finds an
// address, downloads the CSV, changes a list's schedule (a bad one refused) and publishes a new
// privacy policy version. An editor prepares issues but is offered no sending. axe on each screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import { adminClient, publishArticle } from '../support/admin-client.ts';
import { startAdminSite, staffContext, type StaffContext } from '../support/admin-browser.ts';
import { axeViolations } from '../support/axe.ts';
import type { TestApp } from '../support/test-app.ts';

const READERS = ['ana@newsroom.org', 'boris@newsroom.org'];
const STORIES = ['Dam inquiry opens', 'Ferry timetable cut', 'Library reopens after flood'];

describe.skipIf(noBrowserReason)('newsletters in the admin', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: StaffContext;
  let page: Page;

  const mailTo = async (subject: string) =>
    (await t.services.outbox!.list()).filter((m) => m.subject === subject).map((m) => m.to);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startAdminSite(), launchBrowser()]);
    const api = adminClient(t, await t.key('owner'));
    for (const title of STORIES) await publishArticle(api, { title });
    let n = 0;
    for (const email of READERS) {
      const outcome = await t.services.subscribers.signup.signup({
        email,
        lists: ['weekly', 'breaking'],
        source: '/newsletter',
        language: 'en',
        clientAddress: `10.1.${++n}.1`,
      });
      expect(outcome.kind).toBe('accepted');
      const mail = (await t.services.outbox!.list()).find((m) => m.to === email)!;
      const text = (await t.services.outbox!.get(mail.id))!.text;
      const path = /https?:\/\/[^/\s]+(\/newsletter\/confirm\/[\w.-]+)/.exec(text)![1]!;
      expect((await t.fetch(path, { method: 'POST' })).status).toBe(200);
    }
    admin = await staffContext(browser, t, 'admin');
    page = await admin.context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const items = () => page.locator('ol.issue-items li span').allTextContents();

  it('opens the next weekly issue from the navigation, assembled from the new articles', async () => {
    await page.goto(`${t.baseUrl}/admin/`);
    await page.getByRole('link', { name: 'Newsletters' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page
      .getByRole('button', { name: /^Open the next issue of / })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: /^Issue: / }).waitFor();
    await page.locator('ol.issue-items li').first().waitFor();
    expect((await items()).sort()).toEqual([...STORIES].sort());
    expect(await axeViolations(page)).toEqual([]);
  });

  it('edits the subject and introduction, reorders, removes and adds articles', async () => {
    const first = (await items())[0]!;
    await page.getByLabel('Subject', { exact: true }).fill('The week on the river');
    await page.getByLabel('Introduction').fill('Three stories from the valley.');
    await page.getByRole('button', { name: `Move ${first} down` }).click();
    const third = (await items())[2]!;
    await page.getByRole('button', { name: `Remove ${third}` }).click();
    await page.getByRole('button', { name: 'Save the issue' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await t.services.newsletters.getIssue(id);
    expect(saved).toMatchObject({
      subject: 'The week on the river',
      intro: 'Three stories from the valley.',
    });
    const order = (await t.services.newsletters.articlesOf(id)).map((a) => a.title);
    expect(order).toHaveLength(2);
    expect(order[1]).toBe(first);
    expect(order).not.toContain(third);

    await page.getByLabel('Find a published article').fill(third.split(' ')[0]!);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('button', { name: `Add “${third}”` }).click();
    expect(await items()).toEqual([...order, third]);
    await page.getByRole('button', { name: 'Save the issue' }).click();
    await expect
      .poll(async () => (await t.services.newsletters.articlesOf(id)).map((a) => a.title))
      .toEqual([...order, third]);
  });

  it('sends the issue and shows its progress until every subscriber is handled', async () => {
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('button', { name: 'Yes, send it' }).click();
    await page.getByRole('status').filter({ hasText: 'The issue is going out.' }).waitFor();
    await t.services.jobs.runUntilIdle!();
    await page
      .getByTestId('send-progress')
      .getByRole('status')
      .filter({ hasText: 'Sent: 2 of 2 handled.' })
      .waitFor({ timeout: 15_000 });
    expect((await mailTo('The week on the river')).sort()).toEqual(READERS);
    await page.getByRole('link', { name: 'Read it in the web archive' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save the issue' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sends breaking news from one article', async () => {
    await page.getByRole('link', { name: 'All issues' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    await page.getByRole('cell', { name: 'The week on the river' }).waitFor();
    await page.getByLabel('Find a published article').fill('Ferry');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('button', { name: 'Send “Ferry timetable cut” now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Issue: Ferry timetable cut' }).waitFor();
    await t.services.jobs.runUntilIdle!();
    await page
      .getByTestId('send-progress')
      .getByRole('status')
      .filter({ hasText: 'Sent: 2 of 2 handled.' })
      .waitFor({ timeout: 15_000 });
    expect((await mailTo('Ferry timetable cut')).sort()).toEqual(READERS);
  });

  it('shows subscribers with counts, finds one address, exports them, and keeps lists and the policy', async () => {
    await page.getByRole('link', { name: 'Subscribers' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Subscribers' }).waitFor();
    await page.getByTestId('subscriber-counts').waitFor();
    expect(await page.getByTestId('subscriber-counts').textContent()).toContain('Confirmed2');
    await page.getByRole('cell', { name: 'ana@newsroom.org' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Email address').fill('Boris@NewsRoom.org');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.locator('tbody tr td:first-child').allTextContents())
      .toEqual(['boris@newsroom.org']);

    const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    const csv = await page.evaluate((url) => fetch(url!).then((r) => r.text()), href);
    for (const email of READERS) expect(csv).toContain(email);

    const weekly = page.getByRole('group', { name: /\(weekly[,)]/ });
    await weekly.getByLabel('When it goes out').fill('not a schedule');
    await weekly.getByRole('button', { name: 'Save' }).click();
    await weekly.getByRole('alert').waitFor();
    await weekly.getByLabel('When it goes out').fill('0 9 * * 2');
    await weekly.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'is saved' }).waitFor();
    const lists = await t.services.newsletters.lists();
    expect(lists.find((l) => l.slug === 'weekly')!.scheduleCron).toBe('0 9 * * 2');

    const before = Number(
      /Version (\d+)/.exec((await page.getByTestId('policy-version').textContent())!)![1],
    );
    await page.getByLabel('Policy text').fill('We keep your address sealed and never share it.');
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Version ${before + 1} is published.` })
      .waitFor();
    const policy = await admin.api('GET', '/privacy-policy');
    expect(policy.json).toMatchObject({
      version: before + 1,
      text: 'We keep your address sealed and never share it.',
    });
  });

  it('lets an editor prepare an issue but offers no sending', async () => {
    const editor = await staffContext(browser, t, 'editor');
    const p = await editor.context.newPage();
    await p.goto(`${t.baseUrl}/admin/newsletters`);
    await p.getByRole('heading', { level: 1, name: 'Newsletters' }).waitFor();
    await p
      .getByRole('link', { name: /^weekly-/ })
      .first()
      .waitFor();
    expect(await p.getByRole('heading', { name: 'Breaking news' }).count()).toBe(0);
    expect(await p.getByRole('link', { name: 'Subscribers and lists' }).count()).toBe(0);
    const draft = (await admin.api('GET', '/newsletters/weekly/current')).json as { issue: { id: string } };
    await p.goto(`${t.baseUrl}/admin/newsletters/issues/${draft.issue.id}`);
    await p.getByRole('button', { name: 'Save the issue' }).waitFor();
    expect(await p.getByRole('button', { name: 'Send now' }).count()).toBe(0);
    expect(await axeViolations(p)).toEqual([]);
    await editor.context.close();
  });
});
