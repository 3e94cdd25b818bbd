// Staff through the admin in Chromium: the owner invites a reporter from the staff screen, the
// invitation is in the owner's outbox (no SMTP here), the reporter accepts it, enrols an
// authenticator and lands in the admin in the language they chose, with only their role's screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../../src/modules/staff/index.ts';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import {
  confirmEnrolment,
  setUpOwnerInBrowser,
  startAdminSite,
  type AdminSite,
} from '../support/admin-site.ts';

describe.skipIf(noBrowserReason)('staff in the admin', () => {
  let site: AdminSite;
  let browser: Browser;
  let owner: Page;
  let inviteUrl: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startAdminSite(), launchBrowser()]);
    owner = await (await browser.newContext()).newPage();
    const secret = await setUpOwnerInBrowser(owner, site);
    await confirmEnrolment(owner, site, secret);
    await owner.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.t.close();
  });

  it('the owner invites a reporter; the invitation is listed and waits in the outbox', async () => {
    await owner.getByRole('link', { name: 'Staff' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await owner.getByLabel('Email').fill('reporter@ilmara.example');
    await owner.getByLabel('Role', { exact: true }).selectOption('author');
    await owner.getByRole('button', { name: 'Invite someone' }).last().click();
    const notice = owner.getByRole('status').filter({ hasText: 'Invitation created' });
    await notice.waitFor();
    const shown = /(http\S+\/admin\/invite\?token=\S+)/.exec((await notice.textContent())!)?.[1];
    expect(shown).toBeDefined();
    // The configured SITE_URL names another port than the test server's.
    inviteUrl = `${site.t.baseUrl}${new URL(shown!).pathname}${new URL(shown!).search}`;
    await owner.getByRole('cell', { name: 'reporter@ilmara.example' }).first().waitFor();
    await owner.getByRole('heading', { name: 'Mail waiting in the outbox' }).waitFor();
    await owner.getByRole('button', { name: /^Open/ }).first().click();
    expect(await owner.locator('pre.mail').textContent()).toContain(new URL(shown!).search.slice(1));
  });

  it('the reporter accepts, enrols an authenticator and works in Russian with an author’s screens', async () => {
    const reporter = await (await browser.newContext()).newPage();
    await reporter.goto(inviteUrl);
    await reporter.getByText('reporter@ilmara.example').waitFor();
    await reporter.getByLabel('Name').fill('Pavel Sever');
    await reporter.getByLabel('Password').fill('seven quiet ferries cross at night');
    await reporter.getByLabel('Language').selectOption('ru');
    await reporter.getByRole('button', { name: 'Create my account' }).click();
    const secret = (await reporter.getByTestId('totp-secret').textContent())!.trim();
    await reporter.locator('input[name="code"]').fill(totpCode(secret, site.now()));
    await reporter.locator('form button[type="submit"]').click();
    await reporter.locator('ul.codes li').first().waitFor();
    await reporter.locator('#codes-saved').check();
    await reporter.getByRole('button', { name: 'Продолжить' }).click();
    await reporter.getByRole('heading', { level: 1, name: 'Статьи' }).waitFor();
    const nav = await reporter.getByRole('navigation', { name: 'Разделы редакции' }).textContent();
    expect(nav).toContain('Статьи');
    expect(nav).not.toContain('Сотрудники');
    expect(nav).not.toContain('Настройки');
    // The link is spent.
    const again = await (await browser.newContext()).newPage();
    await again.goto(inviteUrl);
    await again.getByRole('alert').waitFor();
  });

  it('the owner disables the reporter from the staff screen', async () => {
    await owner.reload();
    await owner.getByRole('button', { name: 'Disable Pavel Sever' }).click();
    await owner.getByRole('cell', { name: 'Pavel Sever (Disabled)' }).waitFor();
    const staff = await owner.evaluate(() => fetch('/api/admin/v1/staff').then((r) => r.json()));
    expect(staff.staff.find((s: { name: string }) => s.name === 'Pavel Sever').disabled).toBe(true);
  });
});
