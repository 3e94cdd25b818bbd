// A static mirror as readers get it: the demo publication exported, served by Debian's nginx under
// a sub-path, a sample of its pages (home, an article, a topic, an author, the search notice, the
// mirrors page) opened in Chromium and checked with axe-core, and the same files with the Nu Html
// Checker. The rewriting of links and the search notice must not cost the pages their validity
// or accessibility.
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportMirror } from '../../src/web/mirror/index.ts';
import { describeViolations, runAxe } from '../support/axe.ts';
import { launchBrowser, noBrowserReason, noJavaReason, viewports } from '../support/browser.ts';
import { noNginxReason, startNginx, type StaticServer } from '../support/nginx.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';
import { ACCEPTED, CANARY, runVnu } from '../support/vnu.ts';

const SUB_PATH = '/some/path/';

/** The first folder under `dir/under` holding an index.html: a page of that kind. */
function firstPage(dir: string, under: string): string {
  const name = readdirSync(join(dir, under)).sort()[0];
  if (!name) throw new Error(`the mirror has no ${under}/ page`);
  return `${under}/${name}/`;
}

describe.skipIf(noBrowserReason ?? noJavaReason ?? noNginxReason).each(testDatabases)(
  'mirror pages under nginx: axe and the Nu checker on %s',
  (dialect) => {
    let t: SiteTestApp;
    let nginx: StaticServer;
    let browser: Browser;
    let pages: Array<{ name: string; path: string }>;

    beforeAll(async () => {
      t = await startSiteTestApp(dialect);
      const dir = tempDir('mirror-pages');
      chmodSync(dir, 0o755); // nginx's workers run as another user
      const result = await exportMirror(t.services, { dir });
      expect(result.broken).toEqual([]);
      [nginx, browser] = await Promise.all([startNginx(dir, SUB_PATH), launchBrowser()]);
      pages = [
        { name: 'home', path: '' },
        { name: 'article', path: firstPage(dir, 'articles') },
        { name: 'topic', path: firstPage(dir, 'tag') },
        { name: 'author', path: firstPage(dir, 'author') },
        { name: 'search-notice', path: 'search/' },
        { name: 'mirrors', path: 'mirrors/' },
        { name: 'russian-home', path: 'ru/' },
      ];
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await nginx?.stop();
      await t?.close();
    });

    it('no axe violation on the sample, at desktop and phone widths', { timeout: 240_000 }, async () => {
      const found: string[] = [];
      for (const viewport of Object.values(viewports)) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        for (const { name, path } of pages) {
          const response = await page.goto(`${nginx.url}${path}`);
          expect(response?.status(), name).toBe(200);
          // The mirror's own stylesheet loaded, from the mirror (not SITE_URL): the page is styled.
          const styled = await page.evaluate(() =>
            [...document.styleSheets].some((s) => s.href?.includes('/some/path/assets/')),
          );
          expect(styled, name).toBe(true);
          const results = await runAxe(page);
          found.push(
            ...describeViolations(results.violations).map((v) => `${name} @${viewport.width}: ${v}`),
          );
        }
        await context.close();
      }
      expect(found).toEqual([]);
    });

    it('the sample and its stylesheet validate with the Nu Html Checker', { timeout: 240_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'samizdat-mirror-vnu-'));
      try {
        const files: string[] = [];
        const assets = new Set<string>();
        for (const { name, path } of pages) {
          const response = await fetch(`${nginx.url}${path}`);
          expect(response.status, name).toBe(200);
          const html = await response.text();
          for (const m of html.matchAll(/href="([^"]*assets\/[^"]+\.css)"/g))
            assets.add(new URL(m[1]!, response.url).href);
          const file = join(dir, `${name}.html`);
          writeFileSync(file, html);
          files.push(file);
        }
        expect(assets.size).toBe(1);
        for (const asset of assets) {
          const file = join(dir, 'site.css');
          writeFileSync(file, Buffer.from(await (await fetch(asset)).arrayBuffer()));
          files.push(file);
        }
        const canary = join(dir, 'canary.html');
        writeFileSync(canary, CANARY);
        const { messages, stderr } = await runVnu([...files, canary]);
        const fromCanary = messages.filter((m) => m.url?.endsWith('/canary.html'));
        expect(fromCanary.length, stderr).toBe(1); // the checker ran and its report is read
        const problems = messages
          .filter((m) => !fromCanary.includes(m))
          .filter((m) => !ACCEPTED.some((a) => a.file.test(m.url ?? '') && a.message.test(m.message)))
          .filter((m) => m.type !== 'info' || m.subType === 'warning')
          .map((m) => `${m.url?.split('/').pop()}:${m.lastLine ?? '?'} ${m.type}: ${m.message}`);
        expect(problems, stderr).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
