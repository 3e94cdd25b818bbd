// Lighthouse 12.2.3 (mobile preset, simulated slow 4G and a 4x slower CPU) on the home page and an
// article served by the real server: performance >= 95, accessibility, best practices and SEO 100.
// Performance is timing-based and this shared 2-core machine is noisy (a first run is often 5-10
// points low), so this file runs after the rest of the suite (vitest.config.ts), each page gets up
// to five runs and the best performance score counts; the other categories must be 100 on every run.
import lighthouse from 'lighthouse';
import type { Result as LighthouseResult } from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import {
  demo,
  launchDevtoolsChromium,
  noBrowserReason,
  startDemoSite,
  type DevtoolsChromium,
} from '../support/browser.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
const MIN_PERFORMANCE = 95;
const MAX_RUNS = 5;

type Scores = Record<Category, number>;

// Lighthouse's own trace recording sometimes fails on a loaded machine (Chromium's tracing loses
// the navigation start). Such a run measured nothing about the page, so it is recorded and run
// again within the same budget of runs; any other runtime error fails the test at once.
const TRACE_RECORDING_ERRORS = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED', 'NO_RESOURCE_REQUEST']);

const pages = [
  { name: 'home', path: '/' },
  { name: 'article', path: `/articles/${demo.english.slug}` },
  { name: 'author (portrait)', path: `/author/${demo.portraitAuthor.slug}` },
  { name: 'Russian home', path: '/ru/' },
];

/** Audits that cost points, for the failure message. */
function losses(lhr: LighthouseResult): string[] {
  return Object.values(lhr.audits)
    .filter(
      (a) =>
        a.score !== null &&
        a.score < 1 &&
        ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode),
    )
    .map((a) => `${a.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}`);
}

describe.skipIf(noBrowserReason)('Lighthouse', () => {
  let t: TestApp;
  let chrome: DevtoolsChromium;
  const table: string[] = [];

  beforeAll(async () => {
    // SQLite, the default install: the scores measure the pages, and on a 2-core machine a
    // PostgreSQL server beside Chromium would only add noise to the timing.
    [t, chrome] = await Promise.all([startDemoSite('sqlite'), launchDevtoolsChromium()]);
    // The SEO category reads robots.txt: it must be there.
    const robots = await t.fetch('/robots.txt');
    expect(robots.status).toBe(200);
    expect(await robots.text()).toMatch(/^User-agent: \*$/m);
  }, 120_000);

  afterAll(async () => {
    if (table.length > 0)
      console.log(['Lighthouse 12.2.3, mobile, simulated throttling:', ...table].join('\n'));
    await chrome?.close();
    await t?.close();
  });

  it.each(pages)(
    '$name ($path): performance >= 95, accessibility, best practices and SEO 100',
    { timeout: 300_000 },
    async ({ name, path }) => {
      const runs: { scores: Scores; lost: string[] }[] = [];
      for (let run = 0; run < MAX_RUNS; run++) {
        const result = await lighthouse(t.baseUrl + path, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        const lhr = result?.lhr;
        if (!lhr) throw new Error('Lighthouse returned no result');
        if (lhr.runtimeError && TRACE_RECORDING_ERRORS.has(lhr.runtimeError.code)) {
          table.push(`  ${name} run ${run + 1}: trace not recorded (${lhr.runtimeError.code}), run again`);
          continue;
        }
        expect(lhr.runtimeError, JSON.stringify(lhr.runtimeError)).toBeUndefined();
        expect(lhr.lighthouseVersion).toBe('12.2.3');
        const scores = Object.fromEntries(
          CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
        ) as Scores;
        runs.push({ scores, lost: losses(lhr) });
        table.push(
          `  ${name} run ${run + 1}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}` +
            (lhr.runWarnings.length > 0 ? ` [warnings: ${lhr.runWarnings.join('; ')}]` : ''),
        );
        if (scores.performance >= MIN_PERFORMANCE) break;
      }
      expect(runs.length, 'every run failed to record a trace').toBeGreaterThan(0);
      for (const { scores, lost } of runs) {
        const { performance: _performance, ...rest } = scores;
        expect(rest, lost.join('\n')).toEqual({ accessibility: 100, 'best-practices': 100, seo: 100 });
      }
      const best = Math.max(...runs.map((r) => r.scores.performance));
      expect(best, runs.map((r) => r.lost.join('\n')).join('\n---\n')).toBeGreaterThanOrEqual(
        MIN_PERFORMANCE,
      );
    },
  );
});
