import { spawn, spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import SQLite from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { lookupHash } from '../../src/crypto/sealed-box.ts';
import { deriveKeys, readKeyFile } from '../../src/crypto/secret-key.ts';
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
    for (const name of ['serve', 'worker', 'migrate', 'apikey', 'staff', 'subscribers', 'key', 'seed']) {
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

  it('says in one line which start-up step failed: port, key, migration', async () => {
    const oneLine = (run: ReturnType<typeof samizdat>) => {
      expect(run.code, run.stderr).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      return lines[0];
    };
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = String((blocker.address() as { port: number }).port);
    try {
      const base = { DATA_DIR: fresh(), PORT: port, SEED_DEMO: 'never', LOG_LEVEL: 'silent' };
      expect(oneLine(samizdat(['serve'], { ...base, WEB_WORKERS: '1' }))).toBe(
        `samizdat: port ${port} on 127.0.0.1 is already in use`,
      );
      expect(oneLine(samizdat(['serve'], { ...base, WEB_WORKERS: '2' }))).toBe(
        `samizdat: no web process can start: port ${port} on 127.0.0.1 is already in use (exit code 1)`,
      );
    } finally {
      blocker.close();
    }

    const dataDir = fresh();
    expect(samizdat(['migrate'], { DATA_DIR: dataDir }).code).toBe(0);
    expect(
      samizdat(['apikey', 'create', '--name', 'bot', '--role', 'editor'], { DATA_DIR: dataDir }).code,
    ).toBe(0);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of ['secret.key', 'samizdat.sqlite'])
      expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    rmSync(join(dataDir, 'secret.key'));
    expect(oneLine(samizdat(['apikey', 'list'], { DATA_DIR: dataDir }))).toMatch(
      /^samizdat: secret key: .*secret\.key is missing but the database holds data sealed with key fingerprint [0-9a-f]{32} \(1 row\); restore the key file from your backup \(it is never stored in the database\)$/,
    );

    // A database whose change_feed table is not the one the migration expects.
    const broken = fresh();
    const sqlite = new SQLite(join(broken, 'samizdat.sqlite'));
    sqlite.exec('CREATE TABLE change_feed (id integer primary key)');
    sqlite.close();
    expect(oneLine(samizdat(['migrate'], { DATA_DIR: broken }))).toMatch(
      /^samizdat: database migration 2026-11-27T1300-change-feed failed: no such column: "?created_at/,
    );
  }, 180_000);

  it('rotates the key, and the API key made before still works', async () => {
    const dataDir = fresh();
    expect(samizdat(['migrate'], { DATA_DIR: dataDir }).code).toBe(0);
    const created = samizdat(['apikey', 'create', '--name', 'bot', '--role', 'editor'], {
      DATA_DIR: dataDir,
    });
    const key = created.stdout.trim().split('\n').at(-1)!;
    const before = readKeyFile(join(dataDir, 'secret.key'))!;
    const rotated = samizdat(['key', 'rotate'], { DATA_DIR: dataDir });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/^Rotated the secret key: [0-9a-f]{32} -> [0-9a-f]{32}\.$/m);
    expect(rotated.stdout).toContain('1 active API key(s) keep working and move to the new key on first use');
    const after = readKeyFile(join(dataDir, 'secret.key'))!;
    expect(after.master.equals(before.master)).toBe(false);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    // Another command starts with the new key; the API key is recognised through the old hashing key.
    expect(samizdat(['apikey', 'list'], { DATA_DIR: dataDir }).code).toBe(0);
    const { createApiKeyService } = await import('../../src/modules/staff/api-key-service.ts');
    const db = await connect({ url: join(dataDir, 'samizdat.sqlite') });
    try {
      const service = createApiKeyService({
        db,
        hashingKeys: deriveKeys(after.master, after.previousHashing),
      });
      expect((await service.authenticate(key)).name).toBe('bot');
      const row = await db.kysely.selectFrom('api_keys').select('token_hash').executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(lookupHash(deriveKeys(after.master).hashing, key));
    } finally {
      await db.close();
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
    // A name with an escape sequence or a line break is refused in one line that does not repeat it.
    for (const name of ['bot\u001b[2J\u001b[31mred', 'first line\nsecond line']) {
      const refused = samizdat(['apikey', 'create', '--name', name, '--role', 'editor'], {
        DATA_DIR: dataDir,
      });
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toBe(
        'samizdat: invalid input: name: must not contain control characters (such as NUL or a line break)\n',
      );
    }

    const db = await connect({ url: join(dataDir, 'samizdat.sqlite') });
    const keys = deriveKeys(readKeyFile(join(dataDir, 'secret.key'))!.master);
    const rows = await db.kysely.selectFrom('api_keys').selectAll().execute();
    await db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(lookupHash(keys.hashing, key));
    expect(JSON.stringify(rows)).not.toContain(key);
  }, 120_000);

  it('serves on the configured port, prints the URL and a one-time setup link (stored only as a hash) that the admin answers', async () => {
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
      // On a fresh checkout serve builds the admin app before it prints the link (tens of seconds).
      await waitFor(() => /setup\?token=/.test(out), {
        timeoutMs: 150_000,
        intervalMs: 100,
        message: 'serve printed the setup link',
      }).catch(() => {}); // the assertions below say what was printed instead
      const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(out, 'ACCESS_LOG is off unless set').not.toContain('[access]');
      const ready = (await (await fetch(`${url}/readyz`)).json()) as { status: string };
      expect(ready.status).toBe('ready');
      await waitFor(() => out.includes('/admin/setup?token='), { timeoutMs: 10_000, intervalMs: 100 }).catch(
        () => {},
      );
      const setup = /(http:\/\/\S+\/admin\/setup\?token=\S+)/.exec(out)?.[1];
      expect(setup, out).toBeDefined();
      const page = await fetch(setup!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"></div>');
      const token = /\/admin\/setup\?token=(\S+)/.exec(out)![1]!;
      const db = await connect({ url: join(dataDir, 'samizdat.sqlite') });
      const rows = await db.kysely.selectFrom('setup_tokens').selectAll().execute();
      await db.close();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).not.toContain(token);
      expect(rows[0]!.token_hash).toHaveLength(64);
      // The link works: it names a live first-owner setup.
      const link = await fetch(`${url}/api/admin/v1/auth/links/${token}`);
      expect(await link.json()).toEqual({ purpose: 'first-owner' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
  }, 180_000);
});
