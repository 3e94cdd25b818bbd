import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

const dirs: string[] = [];
const emptyDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-config-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({ env: {}, cwd: emptyDir() });
    expect(config.PORT).toBe(4000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBe('');
    expect(config.SITE_URL).toBe('http://127.0.0.1:4000');
    expect(config.TIMEZONE).toBe('UTC');
  });

  it('names the bad setting in one line', () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: 'eighty' }, /^PORT: /],
      [{ PORT: '70000' }, /^PORT: /],
      [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be empty .* postgres:\/\//],
      [{ TIMEZONE: 'Mars/Olympus' }, /^TIMEZONE: is not an IANA time zone/],
      [{ SITE_URL: 'news.example' }, /^SITE_URL: /],
      [{ DEFAULT_LANGUAGE: 'English' }, /^DEFAULT_LANGUAGE: /],
    ];
    for (const [env, message] of bad) {
      let error: unknown;
      try {
        loadConfig({ env, cwd: emptyDir() });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('reads samizdat.config.json, and the environment wins over it', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'samizdat.config.json'),
      JSON.stringify({ PORT: 5001, PUBLICATION_NAME: 'File' }),
    );
    const config = loadConfig({ env: { PUBLICATION_NAME: 'Env' }, cwd: dir });
    expect(config.PORT).toBe(5001);
    expect(config.PUBLICATION_NAME).toBe('Env');
  });

  it('refuses unknown keys and broken JSON in the file', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'samizdat.config.json'), JSON.stringify({ PROT: 1 }));
    expect(() => loadConfig({ env: {}, cwd: dir })).toThrow(/unknown setting PROT/);
    writeFileSync(join(dir, 'samizdat.config.json'), '{ nope');
    expect(() => loadConfig({ env: {}, cwd: dir })).toThrow(/not a JSON object/);
  });

  it('strips a trailing slash from SITE_URL so links join cleanly', () => {
    expect(loadConfig({ env: { SITE_URL: 'https://news.example/' }, cwd: emptyDir() }).SITE_URL).toBe(
      'https://news.example',
    );
  });
});
