// The admin in a browser: the real server with the built admin app (and, when asked, the demo
// publication), a clock the test can move, and the steps a person takes to get in.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { totpCode } from '../../src/modules/staff/index.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import { builtAdmin } from './admin-build.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export interface AdminSite {
  t: TestApp;
  /** The server's clock: real time plus what the test has added. */
  now(): Date;
  advance(ms: number): void;
}

export async function startAdminSite(
  options: { dialect?: DialectName; demo?: boolean; env?: Record<string, string> } = {},
): Promise<AdminSite> {
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const admin = await builtAdmin();
  const t = await startTestApp(options.dialect ?? 'sqlite', {
    site: true,
    server: { admin },
    now,
    // Plain http, as the test server is: a Secure cookie would not come back over it.
    env: { SITE_URL: 'http://127.0.0.1:4000', ...options.env },
  });
  try {
    if (options.demo) {
      await seedDemoIfEmpty(t.services, { heroWidth: 640 });
      await t.services.jobs.runUntilIdle?.();
    }
  } catch (err) {
    await t.close();
    throw err;
  }
  return { t, now, advance: (ms) => (offset += ms) };
}

export const OWNER = {
  name: 'Vera Ostrova',
  email: 'owner@ilmara.example',
  password: 'a long walk by the river at dawn',
};

/** The first owner, created through the setup screen; answers the TOTP secret it was shown. */
export async function setUpOwnerInBrowser(page: Page, site: AdminSite, language: 'en' | 'ru' = 'en') {
  const token = await site.t.services.setupTokens.issueFirstOwnerToken();
  await page.goto(`${site.t.baseUrl}/admin/setup?token=${token}`);
  await page.getByLabel('Name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByLabel('Language').selectOption(language);
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 15_000 }))!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  return secret;
}

/** Confirm the authenticator with a code, acknowledge the recovery codes; answers them. */
export async function confirmEnrolment(
  page: Page,
  site: AdminSite,
  secret: string,
  continueLabel = 'Continue',
) {
  await page.locator('input[name="code"]').fill(totpCode(secret, site.now()));
  await page.locator('form button[type="submit"]').click();
  const codes = page.locator('ul.codes li');
  await codes.first().waitFor();
  const list = await codes.allTextContents();
  const next = page.getByRole('button', { name: continueLabel });
  expect(await next.isDisabled()).toBe(true);
  await page.locator('#codes-saved').check();
  await next.click();
  return list;
}

/** Sign in with the password and the next TOTP step's code (a code is accepted once). */
export async function signInInBrowser(page: Page, site: AdminSite, secret: string, next = '') {
  await page.goto(`${site.t.baseUrl}/admin/sign-in${next}`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  site.advance(30_000);
  await page.getByLabel('Six-digit code from your authenticator app').fill(totpCode(secret, site.now()));
  await page.getByRole('button', { name: 'Verify' }).click();
}
