// The public site as `samizdat serve` runs it (createPublicSite through startTestApp) over a
// fresh database with the demo publication, for the site's integration tests.
import type { DialectName } from '../../src/db/dialect.ts';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import type { SitemapRouteOptions } from '../../src/modules/site/index.ts';
import { demoCopy } from './demo-template.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/** No daylight saving time and a half-hour offset: a wrong zone cannot pass by accident. */
export const SITE_TEST_TIMEZONE = 'Asia/Kolkata';

export interface SiteTestApp extends TestApp {
  /** GET a page and return its status and HTML. */
  page(path: string): Promise<{ status: number; html: string; headers: Headers }>;
}

export async function startSiteTestApp(
  dialect: DialectName,
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    sitemaps?: SitemapRouteOptions;
    /** `env` changes nothing the seed does (mail settings, say): start from the seeded template. */
    envAfterSeed?: boolean;
  } = {},
): Promise<SiteTestApp> {
  const base = { TIMEZONE: SITE_TEST_TIMEZONE };
  const env = { ...base, ...options.env };
  // Settings of its own may change what the seed does (MIRROR_DIR enqueues an export): seed then,
  // unless the caller says they do not.
  const fromTemplate = options.seed !== false && (!options.env || options.envAfterSeed === true);
  const t = await startTestApp(dialect, {
    env,
    site: options.sitemaps ? { sitemaps: options.sitemaps } : true,
    ...(fromTemplate ? { copy: await demoCopy(dialect, { env: base, heroWidth: 400 }) } : {}),
  });
  if (options.seed !== false && !fromTemplate) {
    await seedDemoIfEmpty(t.services, { heroWidth: 400 });
    // What a worker does after the seed: index the articles, compute Read more.
    await t.services.jobs.runUntilIdle?.();
  }
  return {
    ...t,
    async page(path) {
      const response = await t.fetch(path);
      return { status: response.status, html: await response.text(), headers: response.headers };
    },
  };
}
