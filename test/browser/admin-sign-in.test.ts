// The admin's way in, in Chromium: first-run setup with an authenticator (codes computed from the
// secret the screen shows), sign-in with password and TOTP, a recovery code, a request without
// the CSRF token refused with nothing changed, and a session that ends while idle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import {
  OWNER,
  confirmEnrolment,
  setUpOwnerInBrowser,
  signInInBrowser,
  startAdminSite,
  type AdminSite,
} from '../support/admin-site.ts';

describe.skipIf(noBrowserReason)('admin sign-in in a browser', () => {
  let site: AdminSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secret: string;
  let recoveryCodes: string[];
  const requests: string[] = [];

  beforeAll(async () => {
    [site, browser] = await Promise.all([startAdminSite(), launchBrowser()]);
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.t.close();
  });

  it('a fresh site sends a signed-out visitor to a page that says how to set up', async () => {
    await page.goto(`${site.t.baseUrl}/admin/`);
    await expect.poll(() => page.locator('main').textContent()).toContain('no owner yet');
  });

  it('creates the first owner through setup: account, QR code and secret, confirmed code, recovery codes once', async () => {
    secret = await setUpOwnerInBrowser(page, site);
    expect(await page.locator('.qr svg').count()).toBe(1);
    recoveryCodes = await confirmEnrolment(page, site, secret);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/');
    const state = await page.evaluate(() => fetch('/api/admin/v1/auth/state').then((r) => r.json()));
    expect(state).toMatchObject({
      needs_first_owner: false,
      session: { stage: 'full' },
      staff: { email: OWNER.email, role: 'owner' },
    });
  });

  it('the setup link cannot be used twice', async () => {
    const other = await context.newPage();
    const url = page.url();
    await other.goto(url.replace(/\/admin\/.*/, '/admin/setup?token=setup_reused_or_wrong'));
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('expired or was already used');
    await other.close();
  });

  it('signs out, and signs in again with the password and a fresh TOTP code', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInInBrowser(page, site, secret);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
  });

  it('refuses a wrong password without saying whether the address exists', async () => {
    const other = await browser.newContext();
    const p = await other.newPage();
    await p.goto(`${site.t.baseUrl}/admin/sign-in`);
    await p.getByLabel('Email').fill(OWNER.email);
    await p.getByLabel('Password').fill('not the password at all');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => p.getByRole('alert').textContent()).toBe('The email or password is wrong.');
    await other.close();
  });

  it('accepts a recovery code once instead of the TOTP code', async () => {
    const other = await browser.newContext();
    const p = await other.newPage();
    const signInWithRecovery = async () => {
      await p.goto(`${site.t.baseUrl}/admin/sign-in?next=${encodeURIComponent('/admin/tags')}`);
      await p.getByLabel('Email').fill(OWNER.email);
      await p.getByLabel('Password').fill(OWNER.password);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await p.getByLabel('Recovery code').fill(recoveryCodes[0]!);
      await p.getByRole('button', { name: 'Verify' }).click();
    };
    await signInWithRecovery();
    await p.getByRole('heading', { level: 1, name: 'Tags and sections' }).waitFor();
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInWithRecovery();
    await expect.poll(() => p.getByRole('alert').textContent()).toBeTruthy();
    expect(new URL(p.url()).pathname).toBe('/admin/sign-in');
    await other.close();
  });

  it('refuses a state-changing request without the CSRF token, and nothing changes', async () => {
    const answer = await page.evaluate(async () => {
      const res = await fetch('/api/admin/v1/tags', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Forged section', is_section: true }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('csrf');
    const tags = await page.evaluate(() => fetch('/api/admin/v1/tags').then((r) => r.json()));
    expect(JSON.stringify(tags)).not.toContain('Forged section');
    // The same request from the app (with the token) goes through.
    await page.goto(`${site.t.baseUrl}/admin/tags`);
    await page.getByLabel('Name', { exact: true }).fill('Real section');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Real section', exact: true }).waitFor();
  });

  it('ends an idle session: the next screen asks to sign in again and says why', async () => {
    await page.goto(`${site.t.baseUrl}/admin/`);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    site.advance(13 * 3600_000); // past the default 12-hour idle limit
    await page.getByRole('link', { name: 'Tags and sections' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('session has ended');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/admin/sign-in');
    expect(url.searchParams.get('next')).toBe('/admin/tags');
    // Signing in again returns to where the person was going.
    await signInInBrowser(page, site, secret, url.search);
    await page.getByRole('heading', { level: 1, name: 'Tags and sections' }).waitFor();
  });

  it('made no request to another origin', () => {
    const origin = new URL(site.t.baseUrl).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
