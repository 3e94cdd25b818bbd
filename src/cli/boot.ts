import { loadConfig, ConfigError } from '../config/load-config.ts';
import type { Config } from '../config/config.schema.ts';
import { createContainer, type ContainerOptions, type Services } from '../container.ts';
import { CliError } from './command.ts';

/** Load and validate configuration, connect and migrate: each failure becomes one clear line. */
export async function boot(options: ContainerOptions = {}): Promise<Services> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`configuration error: ${err.message}`);
    throw err;
  }
  try {
    return await createContainer(config, options);
  } catch (err) {
    const message = (err as Error).message?.split('\n')[0] ?? String(err);
    if (err instanceof Error && /SECRET_KEY_FILE/.test(message)) throw new CliError(`configuration error: ${message}`);
    if (config.DATABASE_URL) throw new CliError(`configuration error: DATABASE_URL: cannot use the database (${message})`);
    throw new CliError(`cannot open the database in ${config.DATA_DIR}: ${message}`);
  }
}
