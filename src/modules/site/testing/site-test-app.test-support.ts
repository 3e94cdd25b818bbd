// The real server with the public site over a fresh, seeded database, for the site's
// integration tests (test/integration/site-*.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../../config/load-config.ts';
import { createContainer, type Services } from '../../../container.ts';
import type { DialectName } from '../../../db/dialect.ts';
import { buildServer } from '../../../web/server.ts';
import { seedDemoIfEmpty } from '../../demo/seed-demo.ts';
import { createSite, type Site, type SiteOptions } from '../index.ts';
import { openTestDb, type TestDb } from '../../../../test/support/test-db.ts';

export const SITE_TEST_URL = 'https://news.example';
/** No daylight saving time and a half-hour offset: a wrong zone cannot pass by accident. */
export const SITE_TEST_TIMEZONE = 'Asia/Kolkata';

export interface SiteTestApp {
  services: Services;
  site: Site;
  app: FastifyInstance;
  db: TestDb;
  baseUrl: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** GET a page and return its status and HTML. */
  page(path: string): Promise<{ status: number; html: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function startSiteApp(
  dialect: DialectName,
  options: { env?: Record<string, string>; site?: SiteOptions; seed?: boolean } = {},
): Promise<SiteTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-site-'));
  const config = loadConfig({
    env: {
      DATA_DIR: dataDir,
      SITE_URL: SITE_TEST_URL,
      LOG_LEVEL: 'silent',
      TIMEZONE: SITE_TEST_TIMEZONE,
      ...options.env,
    },
    cwd: dataDir,
  });
  const db = await openTestDb(dialect);
  const services = await createContainer(config, { db });
  if (options.seed !== false) {
    await seedDemoIfEmpty(services, { heroWidth: 400 });
    // What a worker does after the seed: index the articles, compute Read more.
    await services.jobs.runUntilIdle?.();
  }
  const site = await createSite(services, options.site);
  const app = await buildServer(services, { site });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const get = (path: string, init?: RequestInit) => fetch(baseUrl + path, init);
  return {
    services,
    site,
    app,
    db,
    baseUrl,
    fetch: get,
    async page(path) {
      const response = await get(path);
      return { status: response.status, html: await response.text(), headers: response.headers };
    },
    async close() {
      await app.close();
      await services.close();
      await db.destroy();
    },
  };
}
