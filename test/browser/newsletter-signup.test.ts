// The newsletter signup block in Chromium with JavaScript off, as a reader behind a strict
// browser meets it: fill in the address, submit, land on the "check your inbox" page; and
// /newsletter, /privacy and that page pass axe-core (WCAG A/AA and best practices).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, noBrowserReason, viewports } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  return (results as AxeResults).violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );
}

describe.skipIf(noBrowserReason).each(testDatabases)('newsletter signup in a browser (%s)', (dialect) => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(dialect, { site: true }), launchBrowser()]);
    const res = await t.fetch('/api/admin/v1/settings', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await t.key('owner')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ features: { newsletter: true } }),
    });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs up without JavaScript: the form posts, the "check your inbox" page answers, nothing else is asked', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: viewports.mobile });
    const requests: string[] = [];
    context.on('request', (r) => void requests.push(r.url()));
    const page = await context.newPage();
    try {
      expect((await page.goto(`${t.baseUrl}/newsletter`))?.status()).toBe(200);
      const form = page.locator('main form[action="/newsletter/subscribe"]').first();
      await form.locator('input[name="email"]').fill('Reader@NewsRoom.org');
      await Promise.all([
        page.waitForURL(/\/newsletter\/subscribe$/),
        form.locator('[type="submit"]').click(),
      ]);
      expect(await page.content()).toContain('Check your inbox');
      const origin = new URL(t.baseUrl).origin;
      expect(requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
      const mail = (await t.services.outbox!.list()).filter((e) => e.to === 'reader@newsroom.org');
      expect(mail).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('/newsletter, the answer page and /privacy have no axe violations', async () => {
    // JavaScript stays on here only because axe itself needs it; the pages have no script.
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    try {
      expect((await page.goto(`${t.baseUrl}/newsletter`))?.status()).toBe(200);
      expect(await violations(page)).toEqual([]);
      await page.locator('main input[name="email"]').first().fill('second@newsroom.org');
      await Promise.all([
        page.waitForURL(/\/newsletter\/subscribe$/),
        page.locator('main form[action="/newsletter/subscribe"] [type="submit"]').first().click(),
      ]);
      expect(await page.content()).toContain('Check your inbox');
      expect(await violations(page)).toEqual([]);
      expect((await page.goto(`${t.baseUrl}/privacy`))?.status()).toBe(200);
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
