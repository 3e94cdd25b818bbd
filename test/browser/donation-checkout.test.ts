// A gift in Chromium, end to end, under the pages' strict CSP (form-action 'self' among it): the
// appeal dialog opens on the third article, Continue posts the form to this server, the
// proof-of-work step (on here) is answered by the appeal script, the TEST checkout succeeds, the
// thank-you page marks the supporter, the receipt reaches an SMTP server, and the Admin API's
// summary counts the gift. Then the /support page's form on the Stripe rail: the server's
// redirect to Stripe's checkout (another origin; its stand-in here) is not blocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app.ts';
import { launchBrowser, noBrowserReason } from '../support/browser.ts';
import { startAppealSite } from '../support/appeal-site.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startStripeStandIn, type StandIn } from '../support/payment-stand-ins.ts';

const ARTICLES = [
  'sertovo-aluminium-works-sold-for-a-tenth',
  'talen-lost-a-fifth-of-its-value-central-bank',
  'twelve-chairs-in-a-basement-theatre-varensk',
];

describe.skipIf(noBrowserReason)('a gift in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let smtp: SmtpSink;
  let stripeApi: StandIn;
  let key: string;

  beforeAll(async () => {
    [smtp, stripeApi] = await Promise.all([startSmtpSink(), startStripeStandIn({ pagesHere: true })]);
    [t, browser] = await Promise.all([
      startAppealSite('sqlite', {
        env: {
          SMTP_URL: smtp.url,
          MAIL_FROM: 'Ilmara <support@news.example>',
          STRIPE_SECRET_KEY: 'sk_test_browser',
          STRIPE_WEBHOOK_SECRET: 'whsec_browser',
          STRIPE_API_URL: stripeApi.url,
          DONATIONS_TEST_RAIL: 'on',
          DONATIONS_PROOF_OF_WORK_BITS: '12',
        },
      }),
      launchBrowser(),
    ]);
    key = await t.key('owner');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
    await stripeApi?.close();
  });

  /** A reader whose every CSP refusal is kept (console and securitypolicyviolation events). */
  async function reader() {
    const context = await browser.newContext();
    const violations: string[] = [];
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to|CSP violation/i.test(m.text())) violations.push(m.text());
    });
    return { context, page, violations };
  }

  const summary = async () => {
    const res = await t.fetch('/api/admin/v1/donations/summary', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { one_time_total: Array<{ currency: string; amount_minor: number }> };
  };

  async function visit(page: Page, path: string) {
    const response = await page.goto(t.baseUrl + path);
    expect(response?.status()).toBe(200);
    await page.waitForFunction(() => document.readyState !== 'loading');
  }

  it(
    'appeal → Continue → proof of work → TEST checkout → thank-you → receipt over SMTP → dashboard',
    { timeout: 120_000 },
    async () => {
      const before = await summary();
      expect(before.one_time_total).toEqual([]);
      const { context, page, violations } = await reader();
      for (const slug of ARTICLES) await visit(page, `/articles/${slug}`);
      expect(await page.locator('#appeal-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      await page.locator('#dialog-frequency-once').check();
      await page.locator('#dialog-once-USD-2').check();
      await page.locator('#dialog-rail-test').check();
      await page.locator('#appeal-dialog .appeal-form__continue').click();

      // The challenge page answers itself and goes on to the TEST checkout.
      await page.waitForURL('**/support/test-checkout/**', { timeout: 60_000 });
      expect(await page.locator('main').textContent()).toContain('$25');
      await page.locator('#donor-email').fill('browser.reader@example.org');
      await page.locator('button[value="succeed"]').click();
      await page.waitForSelector('[data-samizdat-supporter]');
      expect(await page.locator('h1').textContent()).toContain('Thank you');
      await page.waitForFunction(() => localStorage.getItem('samizdat:supporter') !== null);

      await t.services.jobs.runUntilIdle!();
      await expect
        .poll(() => smtp.received.filter((m) => m.to === 'browser.reader@example.org').length)
        .toBe(1);
      // Quoted-printable: soft line breaks joined.
      const raw = smtp.received
        .find((m) => m.to === 'browser.reader@example.org')!
        .raw.toString('utf8')
        .replace(/=\r?\n/g, '');
      expect(raw).toMatch(/Subject: \[TEST\] Your receipt from Ilmara/);
      expect(raw).toContain('https://news.example/support/donor/');

      expect((await summary()).one_time_total).toEqual([{ currency: 'USD', amount_minor: 2500 }]);
      expect(violations).toEqual([]);
      await context.close();
    },
  );

  it(
    'the /support form on the Stripe rail reaches Stripe’s checkout: the CSP lets the redirect through',
    {
      timeout: 120_000,
    },
    async () => {
      const { context, page, violations } = await reader();
      await visit(page, '/support');
      await page.locator('#page-frequency-monthly').check();
      await page.locator('#page-rail-stripe').check();
      await page.locator('main .appeal-form__continue').click();
      // Through the proof-of-work step and our "on to the payment page" page.
      await page.waitForURL(`${stripeApi.url}/c/pay/**`, { timeout: 60_000 });
      expect(await page.locator('h1').textContent()).toBe('Stand-in Stripe checkout');
      const session = stripeApi.requests.find((r) => r.path === '/v1/checkout/sessions')!;
      expect(session.fields.mode).toBe('subscription');
      expect(session.fields.success_url).toMatch(/^https:\/\/news\.example\/support\/thank-you\?gift=/);
      expect(violations).toEqual([]);
      await context.close();
    },
  );
});
