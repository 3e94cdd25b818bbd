import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load-config.ts';
import { keyFilePath } from '../../src/crypto/secret-key.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import type { Role } from '../../src/modules/staff/roles.ts';
import { buildServer, type ServerOptions } from '../../src/web/server.ts';
import type { SitemapRouteOptions } from '../../src/modules/site/index.ts';
import { createPublicSite } from '../../src/web/public-site.ts';
import { removeTempDir, tempDir } from './temp-dir.ts';
import { openTestDb, type TestDb } from './test-db.ts';

export interface TestApp {
  services: Services;
  app: FastifyInstance;
  db: TestDb;
  /** http://127.0.0.1:<random port> */
  baseUrl: string;
  /** A fresh Admin API key with this role. */
  key(role?: Role): Promise<string>;
  /** fetch() against the running server. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_SITE_URL = 'https://news.example';

/** The key file of the app that owns each database: processes sharing a database share its key. */
const keyFiles = new WeakMap<TestDb, string>();

/** The real server on a random port over a fresh database. */
export async function startTestApp(
  dialect: DialectName,
  options: {
    env?: Record<string, string>;
    server?: ServerOptions | ((services: Services) => ServerOptions | Promise<ServerOptions>);
    /** Serve the public site as `samizdat serve` does (sitemaps: smaller pages, a fixed clock). */
    site?: boolean | { sitemaps?: SitemapRouteOptions };
    now?: () => Date;
    /**
     * Share this database with another test app, as several processes share one in production.
     * Its owner destroys it; close() here leaves it alone.
     */
    db?: TestDb;
    /** Poll the change feed (the container's default, true). */
    changeFeed?: boolean;
    /** A copy of a seeded site (demo-template.ts): its database and DATA_DIR, owned by this app. */
    copy?: { db: TestDb; dataDir: string };
  } = {},
): Promise<TestApp> {
  const dataDir = options.copy?.dataDir ?? tempDir('app');
  const sharedKey = options.db ? keyFiles.get(options.db) : undefined;
  const config = loadConfig({
    env: {
      DATA_DIR: dataDir,
      SITE_URL: TEST_SITE_URL,
      LOG_LEVEL: 'silent',
      ...(sharedKey ? { SECRET_KEY_FILE: sharedKey } : {}),
      ...options.env,
    },
    cwd: dataDir,
  });
  const db = options.copy?.db ?? options.db ?? (await openTestDb(dialect));
  const services = await createServices(config, {
    db,
    // openTestDb migrated it already (the owner's, when shared): migrating again would only
    // introspect the database outside the schema lock (test-db.ts). serve's own migration on
    // boot is covered by the cli and cluster tests.
    migrate: false,
    ...(options.now ? { now: options.now } : {}),
    ...(options.changeFeed !== undefined ? { changeFeed: options.changeFeed } : {}),
  });
  if (!options.db) keyFiles.set(db, keyFilePath(services.config.SECRET_KEY_FILE, services.dataDir));
  const server: ServerOptions = {
    ...(typeof options.server === 'function' ? await options.server(services) : options.server),
  };
  if (options.site) {
    server.site = await createPublicSite(services, options.site === true ? {} : options.site);
  }
  const app = await buildServer(services, server);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    services,
    app,
    db,
    baseUrl,
    async key(role: Role = 'owner') {
      return (await services.apiKeys.create({ name: `test ${role}`, role })).key;
    },
    fetch: (path, init) => fetch(baseUrl + path, init),
    async close() {
      await app.close();
      await services.close();
      if (!options.db) await db.destroy();
      removeTempDir(dataDir);
    },
  };
}
