import { join } from 'node:path';
import { loadConfig, ConfigError } from '../config/load-config.ts';
import type { Config } from '../config/config.schema.ts';
import type { ContainerOptions, Services } from '../container.ts';
import type { Db } from '../db/connect.ts';
import { CliError } from './command.ts';
import { resolveDataDir } from '../config/data-dir.ts';

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`configuration error: ${err.message}`);
    throw err;
  }
}

function explain(cfg: Config, err: unknown): CliError {
  const message = (err as Error).message?.split('\n')[0] ?? String(err);
  if (/SECRET_KEY_FILE/.test(message)) return new CliError(`configuration error: ${message}`);
  if (cfg.DATABASE_URL)
    return new CliError(`configuration error: DATABASE_URL: cannot use the database (${message})`);
  return new CliError(`cannot open the database in ${cfg.DATA_DIR}: ${message}`);
}

/** Load and validate configuration, connect and migrate: each failure becomes one clear line. */
export async function boot(options: ContainerOptions = {}): Promise<Services> {
  const cfg = config();
  const { createContainer } = await import('../container.ts');
  try {
    return await createContainer(cfg, options);
  } catch (err) {
    throw explain(cfg, err);
  }
}

/** Just the database (for `migrate`): no services, which would expect a current schema. */
export async function bootDatabase(): Promise<Db> {
  const cfg = config();
  const { connect } = await import('../db/connect.ts');
  try {
    return await connect({ url: cfg.DATABASE_URL || join(resolveDataDir(cfg), 'samizdat.sqlite') });
  } catch (err) {
    throw explain(cfg, err);
  }
}
