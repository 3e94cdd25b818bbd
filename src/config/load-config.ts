import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CONFIG_KEYS, configSchema, type Config } from './config.schema.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Directory holding an optional samizdat.config.json; defaults to the working directory. */
  cwd?: string;
}

/**
 * Reads samizdat.config.json (if present) and the environment (which wins), and validates the
 * result. Throws ConfigError with one line naming the first bad setting.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, 'samizdat.config.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      fromFile = parsed as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`samizdat.config.json: not a JSON object (${(err as Error).message})`);
    }
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') merged[key] = value;
    else if (value === '' && key === 'DATABASE_URL') merged[key] = '';
  }
  const result = configSchema.safeParse(merged);
  if (!result.success) throw new ConfigError(describeFirstIssue(result.error));
  const config = result.data;
  const siteUrl = (config.SITE_URL ?? `http://${hostForUrl(config.HOST)}:${config.PORT}`).replace(/\/+$/, '');
  return { ...config, SITE_URL: siteUrl };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid configuration';
  if (issue.code === 'unrecognized_keys') {
    return `samizdat.config.json: unknown setting ${issue.keys.join(', ')}`;
  }
  const key = issue.path.join('.') || '(config)';
  return `${key}: ${issue.message}`;
}
