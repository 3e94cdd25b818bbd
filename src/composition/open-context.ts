import { join } from 'node:path';
import { resolveDataDir } from '../config/data-dir.ts';
import type { Config } from '../config/config.schema.ts';
import { openKeys } from '../crypto/key-guard.ts';
import { connect, type Db } from '../db/connect.ts';
import type { Clock } from '../lib/time.ts';
import type { Context, Log } from './context.ts';

/**
 * The database (migrated unless told otherwise) and the keys its data is sealed with. A database
 * opened here is closed again when the keys cannot be opened.
 */
export async function openContext(
  config: Config,
  options: { db?: Db; migrate?: boolean; now?: Clock; log?: Log },
): Promise<Context> {
  const dataDir = resolveDataDir(config);
  const db = options.db ?? (await connect({ url: config.DATABASE_URL || join(dataDir, 'samizdat.sqlite') }));
  // The migrations (every one of them, as code) are loaded only by a process that migrates.
  if (options.migrate !== false) await (await import('../db/migrate.ts')).migrateToLatest(db);
  // After migrating: the database tells whether the key file is the one its data is sealed with.
  const keys = await openKeys(db, { configuredFile: config.SECRET_KEY_FILE, dataDir }).catch(async (err) => {
    if (!options.db) await db.close();
    throw err;
  });
  const now = options.now;
  return {
    config,
    dataDir,
    db,
    keys,
    log: options.log ?? (() => {}),
    clock: now ? { now } : {},
  };
}
