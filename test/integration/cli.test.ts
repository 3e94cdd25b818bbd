import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { lookupHash } from '../../src/crypto/sealed-box.ts';
import { deriveKeys, loadOrCreateMasterKey } from '../../src/crypto/secret-key.ts';
import { waitFor } from '../support/wait-for.ts';
import { tempDir } from '../support/temp-dir.ts';

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');
const fresh = () => tempDir('cli');

function samizdat(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: fresh(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the samizdat command', () => {
  it('lists its subcommands, each with --help', () => {
    const help = samizdat(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['serve', 'worker', 'migrate', 'apikey', 'seed']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
      const sub = samizdat([name, '--help']);
      expect(sub.code, name).toBe(0);
      expect(sub.stdout).toMatch(/^Usage:/);
    }
    const unknown = samizdat(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  }, 180_000);

  it('stops with exit code 1 and one line naming a bad setting', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: 'eighty' }, /PORT: /],
      [{ TIMEZONE: 'Nowhere/Special' }, /TIMEZONE: /],
      [{ WEB_WORKERS: 'many' }, /WEB_WORKERS: must be a whole number from 1 to 64, or auto/],
      [{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL: must be empty/],
      [{ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, /DATABASE_URL: cannot use the database/],
    ];
    for (const [env, pattern] of cases) {
      const run = samizdat(['migrate'], { DATA_DIR: fresh(), ...env });
      expect(run.code, JSON.stringify(env)).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
    }
  }, 120_000);

  it('migrates, then creates an API key that works, and refuses an unknown role', async () => {
    const dataDir = fresh();
    expect(samizdat(['migrate'], { DATA_DIR: dataDir }).stdout).toMatch(/Applied \d+ migration/);
    expect(samizdat(['migrate'], { DATA_DIR: dataDir }).stdout).toMatch(/up to date/);
    const created = samizdat(['apikey', 'create', '--name', 'ci bot', '--role', 'editor'], {
      DATA_DIR: dataDir,
    });
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^smz_[A-Za-z0-9_-]{20,}$/);
    const bad = samizdat(['apikey', 'create', '--name', 'x', '--role', 'wizard'], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/role/);

    const db = await connect({ url: join(dataDir, 'samizdat.sqlite') });
    const keys = deriveKeys(loadOrCreateMasterKey(undefined, dataDir));
    const rows = await db.kysely.selectFrom('api_keys').selectAll().execute();
    await db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(lookupHash(keys.hashing, key));
    expect(JSON.stringify(rows)).not.toContain(key);
  }, 120_000);

  it('serves on the configured port, prints the URL and a one-time setup link stored only as a hash', async () => {
    const dataDir = fresh();
    const child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        PORT: '0',
        SEED_DEMO: 'never',
        LOG_LEVEL: 'silent',
      },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      await waitFor(() => /setup\?token=/.test(out), {
        timeoutMs: 30_000,
        intervalMs: 100,
        message: 'serve printed the setup link',
      }).catch(() => {}); // the assertions below say what was printed instead
      const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = (await (await fetch(`${url}/readyz`)).json()) as { status: string };
      expect(ready.status).toBe('ready');
      const token = /setup\?token=(\S+)/.exec(out)![1]!;
      const db = await connect({ url: join(dataDir, 'samizdat.sqlite') });
      const rows = await db.kysely.selectFrom('setup_tokens').selectAll().execute();
      await db.close();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).not.toContain(token);
      expect(rows[0]!.token_hash).toHaveLength(64);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
  }, 60_000);
});
