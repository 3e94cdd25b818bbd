// The Nu Html Checker (vnu.jar, the W3C validator's engine) on the HTML the server sends, plus the
// stylesheet and SVGs it links. One JVM checks every file at once (starting Java is the slow part).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import { ACCEPTED, CANARY, runVnu, type VnuMessage } from '../support/vnu.ts';
import { testDatabases } from '../support/test-db.ts';
import {
  auditedPages,
  demo,
  freshPages,
  noJavaReason,
  startDemoSite,
  startFreshSite,
} from '../support/browser.ts';

/** Pages beyond the audited set that cost nothing extra in the same JVM. */
const morePages = [
  { name: 'home-page-2', path: '/page/2', status: 200 },
  { name: 'search-empty', path: '/search', status: 200 },
  { name: 'search-no-results', path: '/search?q=zzyzxqq', status: 200 },
  { name: 'search-russian', path: `/search?q=${encodeURIComponent('озеро')}&lang=ru`, status: 200 },
  { name: 'topic', path: '/tag/lake-tuvor', status: 200 },
  { name: 'author', path: `/author/${demo.english.authorSlugs[0]}`, status: 200 },
];

describe.skipIf(noJavaReason).each(testDatabases)('HTML validity (Nu Html Checker) on %s', (dialect) => {
  let t: TestApp;
  let fresh: TestApp;
  let dir: string;
  const files: string[] = [];
  let pageCount = 0;

  beforeAll(async () => {
    [t, fresh] = await Promise.all([startDemoSite(dialect), startFreshSite(dialect)]);
    dir = mkdtempSync(join(tmpdir(), 'samizdat-vnu-'));
    const assets = new Map<string, TestApp>();
    // The archive's year and month pages, as the archive links them.
    const archive = await (await t.fetch('/archive')).text();
    const year = /href="(\/archive\/\d{4})"/.exec(archive)?.[1];
    const month = /href="(\/archive\/\d{4}\/\d{2})"/.exec(archive)?.[1];
    expect(year && month).toBeTruthy();
    const pages = [
      ...auditedPages,
      ...morePages,
      { name: 'archive-year', path: year!, status: 200 },
      { name: 'archive-month', path: month!, status: 200 },
    ];
    const all = [...pages.map((p) => ({ ...p, app: t })), ...freshPages.map((p) => ({ ...p, app: fresh }))];
    for (const { name, path, status, app } of all) {
      const response = await app.fetch(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      // The stylesheet and images; the appeal's script is JavaScript, not markup the checker reads.
      for (const match of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g))
        if (!match[1]!.endsWith('.js')) assets.set(match[1]!, app);
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      const file = join(dir, `${slug}.html`);
      writeFileSync(file, html);
      files.push(file);
    }
    pageCount = all.length;
    for (const [asset, app] of assets) {
      const response = await app.fetch(asset);
      expect(response.status, asset).toBe(200);
      const file = join(dir, basename(asset));
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      files.push(file);
    }
    // One stylesheet per site (the accent colour is part of it).
    expect(files.filter((f) => f.endsWith('.css')).length).toBe(2);
    expect(files.filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.close();
    await fresh?.close();
  });

  it(
    'every page, the stylesheet and the SVGs validate: no errors, no unlisted warnings',
    { timeout: 120_000 },
    async () => {
      const canary = join(dir, 'canary.html');
      writeFileSync(canary, CANARY);
      const { messages, stderr } = await runVnu([...files, canary]);
      const fromCanary = messages.filter((m) => m.url?.endsWith('/canary.html'));
      expect(
        fromCanary.map((m) => m.message),
        stderr,
      ).toEqual([
        'An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.',
      ]);

      const accepted = (m: VnuMessage) =>
        ACCEPTED.some((a) => a.file.test(m.url ?? '') && a.message.test(m.message));
      const problems = messages
        .filter((m) => !fromCanary.includes(m) && !accepted(m))
        // Plain info (not a warning) is only commentary.
        .filter((m) => m.type !== 'info' || m.subType === 'warning')
        .map(
          (m) =>
            `${basename(m.url ?? '?')}:${m.lastLine ?? '?'} ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}` +
            (m.extract ? ` — ${JSON.stringify(m.extract)}` : ''),
        );
      expect(problems, stderr).toEqual([]);
      expect(files.filter((f) => f.endsWith('.html')).length).toBe(pageCount);
    },
  );
});
