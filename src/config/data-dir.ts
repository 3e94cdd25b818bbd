import { isAbsolute, resolve } from 'node:path';
import type { Config } from './config.schema.ts';

/** DATA_DIR as an absolute path (relative settings are read from the working directory). */
export function resolveDataDir(config: Pick<Config, 'DATA_DIR'>): string {
  return isAbsolute(config.DATA_DIR) ? config.DATA_DIR : resolve(process.cwd(), config.DATA_DIR);
}
