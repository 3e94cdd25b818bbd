// What every piece of the composition root is built from: the configuration, the open database and
// keys, the clock tests may set, and the log.
import type { Config } from '../config/config.schema.ts';
import type { Keys } from '../crypto/secret-key.ts';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../lib/time.ts';

export type Log = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

export interface Context {
  config: Config;
  dataDir: string;
  db: Db;
  keys: Keys;
  log: Log;
  /** `{ now }` when a clock was given (tests), otherwise empty: spread into each module's options. */
  clock: { now?: Clock };
}

/** SITE_URL without its trailing slashes, for joining with a path. */
export const siteBase = (config: Config) => config.SITE_URL.replace(/\/+$/, '');
