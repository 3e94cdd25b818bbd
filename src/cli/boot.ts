import { mkdirSync } from 'node:fs';
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

async function connectDatabase(cfg: Config): Promise<Db> {
  ensureDataDir(cfg);
  const { connect } = await import('../db/connect.ts');
  try {
    return await connect({ url: cfg.DATABASE_URL || join(resolveDataDir(cfg), 'samizdat.sqlite') });
  } catch (err) {
    if (cfg.DATABASE_URL)
      throw new CliError(`configuration error: DATABASE_URL: cannot use the database (${firstLine(err)})`);
    throw new CliError(`cannot open the database in ${cfg.DATA_DIR}: ${firstLine(err)}`);
  }
}

/** Runs pending migrations; a failure names the migration that failed. */
export async function migrateDatabase(db: Db): Promise<string[]> {
  const { migrateToLatest, pendingMigrations } = await import('../db/migrate.ts');
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
export async function boot(options: ContainerOptions = {}): Promise<Services> {
  const cfg = loadCliConfig();
  const db = await connectDatabase(cfg);
  try {
    if (options.migrate !== false) await migrateDatabase(db);
    const { createContainer } = await import('../container.ts');
    const services = await createContainer(cfg, { ...options, db, migrate: false }).catch(explainKeyError);
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
export async function bootDatabase(): Promise<{ config: Config; db: Db }> {
  const cfg = loadCliConfig();
  return { config: cfg, db: await connectDatabase(cfg) };
}
