import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../config/load-config.ts';
import type { Config } from '../config/config.schema.ts';
import type { ContainerOptions, Services } from '../container.ts';
import type { Db } from '../db/connect.ts';
import { CliError } from './command.ts';
import { resolveDataDir } from '../config/data-dir.ts';
import { KeyError } from '../crypto/key-error.ts';

// Each start-up step turns its own failure into one line that names it: the configuration, the
// database connection, a migration, the secret key. Anything else is not a start-up problem and
// keeps its stack trace.

const firstLine = (err: unknown) => ((err as Error)?.message ?? String(err)).split('\n')[0]!.trim();

export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`configuration error: ${err.message}`);
    throw err;
  }
}

/** DATA_DIR holds the key, the SQLite database and the photos: private to its owner (0700). */
function ensureDataDir(cfg: Config): void {
  const dir = resolveDataDir(cfg);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CliError(`DATA_DIR ${dir} cannot be created (${firstLine(err)})`);
  }
}

/** How a command may treat a missing site. */
export interface SiteOptions {
  /**
   * Only `serve` and `migrate` may start a new site. Every other command run where no site is
   * (the wrong folder, a mistyped DATA_DIR) stops and says where it looked, instead of quietly
   * creating an empty database there.
   */
  create?: boolean;
  /** Told about slow first-start steps (migrating), for the operator watching the terminal. */
  progress?: (line: string) => void;
}

const SQLITE_FILE = 'samizdat.sqlite';

/** DATABASE_URL as it may be printed: everything but the password. */
export function printableDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

const noSite = (where: string) =>
  new CliError(
    `no Samizdat site in ${where}; run this command with the site's settings (DATA_DIR, DATABASE_URL), or start a new site with \`samizdat migrate\` or \`samizdat serve\``,
  );

async function connectDatabase(cfg: Config, site: SiteOptions): Promise<Db> {
  const sqliteFile = join(resolveDataDir(cfg), SQLITE_FILE);
  if (!site.create && !cfg.DATABASE_URL && !existsSync(sqliteFile)) {
    throw noSite(`DATA_DIR ${resolveDataDir(cfg)} (it has no ${SQLITE_FILE})`);
  }
  // The SQLite file lives in DATA_DIR; with PostgreSQL it holds the key and photos, made below.
  if (!cfg.DATABASE_URL) ensureDataDir(cfg);
  const { connect } = await import('../db/connect.ts');
  let db: Db;
  try {
    db = await connect({ url: cfg.DATABASE_URL || sqliteFile });
  } catch (err) {
    if (cfg.DATABASE_URL)
      throw new CliError(`configuration error: DATABASE_URL: cannot use the database (${firstLine(err)})`);
    throw new CliError(`cannot open the database in ${cfg.DATA_DIR}: ${firstLine(err)}`);
  }
  if (!site.create && cfg.DATABASE_URL && !(await hasMigrated(db))) {
    await db.close();
    throw noSite(`DATABASE_URL ${printableDatabaseUrl(cfg.DATABASE_URL)} (no migration has run there)`);
  }
  try {
    ensureDataDir(cfg);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** A PostgreSQL database is a site once a migration has run in it (in the schema it searches). */
async function hasMigrated(db: Db): Promise<boolean> {
  const { sql } = await import('kysely');
  const { rows } = await sql<{
    name: string | null;
  }>`select to_regclass('kysely_migration')::text as name`.execute(db.kysely);
  return rows[0]?.name != null;
}

/** Runs pending migrations; a failure names the migration that failed. */
export async function migrateDatabase(db: Db, progress?: (line: string) => void): Promise<string[]> {
  const { migrateToLatest, pendingMigrations } = await import('../db/migrate.ts');
  if (progress && (await pendingMigrations(db)).length > 0) progress('migrating the database…');
  try {
    return await migrateToLatest(db);
  } catch (err) {
    const failed = await pendingMigrations(db).then(
      (names) => names[0],
      () => undefined,
    );
    throw new CliError(`database migration ${failed ?? ''} failed: ${firstLine(err)}`.replace('  ', ' '));
  }
}

export function explainKeyError(err: unknown): never {
  if (err instanceof KeyError) throw new CliError(`secret key: ${err.message}`);
  throw err;
}

/** Load and validate configuration, connect, migrate, check the key: each failure one clear line. */
export async function boot(options: ContainerOptions = {}, site: SiteOptions = {}): Promise<Services> {
  const cfg = loadCliConfig();
  const db = await connectDatabase(cfg, site);
  try {
    if (options.migrate !== false) await migrateDatabase(db, site.progress);
    const { createServices } = await import('../web/services.ts');
    const services = await createServices(cfg, { ...options, db, migrate: false }).catch(explainKeyError);
    return {
      ...services,
      async close() {
        await services.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Just the database (for `migrate` and `key`): no services, which would expect a current schema. */
export async function bootDatabase(site: SiteOptions = {}): Promise<{ config: Config; db: Db }> {
  const cfg = loadCliConfig();
  return { config: cfg, db: await connectDatabase(cfg, site) };
}
