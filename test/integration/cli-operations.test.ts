import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoArticles } from '../../src/modules/demo/index.ts';
import { testDatabases } from '../support/test-db.ts';
import { tempDir } from '../support/temp-dir.ts';
import { waitFor } from '../support/wait-for.ts';

// What an operator meets at the command line: the version, a command run where no site is, the
// first start's progress, and the access log. The real binary, spawned as a newsroom would run it.

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' });

function samizdat(args: string[], env: Record<string, string> = {}, cwd = tempDir('cli-ops')) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new, empty PostgreSQL database on the test server (with its password-free URL), dropped afterwards. */
const databases: string[] = [];
async function emptyPostgresDatabase(): Promise<string> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `cli_ops_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  databases.push(name);
  url.pathname = `/${name}`;
  return url.toString();
}
afterAll(async () => {
  if (databases.length === 0) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('samizdat --version', () => {
  it('prints the version from package.json and exits 0, with --version and -v', () => {
    const { version } = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const run = samizdat([flag]);
      expect(run.code, flag).toBe(0);
      expect(run.stdout).toBe(`samizdat ${version}\n`);
    }
  });
});

describe.each(testDatabases)('a command that needs a site, on %s', (dialect) => {
  const site = async (): Promise<{ env: Record<string, string>; where: RegExp; dataDir: string }> => {
    const dataDir = join(tempDir('cli-ops'), 'data');
    if (dialect === 'sqlite') {
      const where = new RegExp(
        `DATA_DIR ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(it has no samizdat\\.sqlite\\)`,
      );
      return { env: { DATA_DIR: dataDir }, where, dataDir };
    }
    const url = new URL(await emptyPostgresDatabase());
    url.password = 'not-to-be-printed';
    const shown = `postgres://${url.username}@${url.host}${url.pathname}`;
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
      where: new RegExp(
        `DATABASE_URL ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(no migration has run there\\)`,
      ),
      dataDir,
    };
  };

  it('stops with exit 1 and one line naming where it looked, creating nothing; migrate then creates the site', async () => {
    const { env, where, dataDir } = await site();
    const commands = [
      ['apikey', 'create', '--name', 'bot', '--role', 'editor'],
      ['apikey', 'list'],
      ['apikey', 'revoke', 'x'],
      ['seed'],
      ['key', 'rotate'],
      ['worker'],
    ];
    for (const args of commands) {
      const run = samizdat(args, env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(/^samizdat: no Samizdat site in /);
      expect(lines[0]).toMatch(where);
      expect(lines[0]).not.toContain('not-to-be-printed');
      expect(existsSync(dataDir), `${args.join(' ')} created DATA_DIR`).toBe(false);
    }

    // migrate may start a site; afterwards the same commands find it.
    expect(samizdat(['migrate'], env).stdout).toMatch(/Applied \d+ migration/);
    const list = samizdat(['apikey', 'list'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(readdirSync(dataDir)).toContain('secret.key');
  }, 180_000);
});

describe('the first start and the access log', () => {
  it('prints migrating and seeding n of total, then logs one line per request, replayed ones too, without address or query', async () => {
    const dataDir = tempDir('cli-ops');
    const child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: dataDir,
      env: {
        ...baseEnv(),
        DATA_DIR: dataDir,
        PORT: '0',
        WEB_WORKERS: '1',
        ACCESS_LOG: 'on',
        LOG_LEVEL: 'silent',
      },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      await waitFor(() => /serving .* at http/.test(out), {
        timeoutMs: 150_000,
        intervalMs: 200,
        message: 'serve seeded and printed where it serves',
      }).catch(() => {}); // the assertions below say what was printed instead
      const total = demoArticles.length;
      const lines = out.split('\n');
      // Not a terminal here: plain lines, in order, the last one n of n.
      expect(lines[0], out).toBe('migrating the database…');
      const counts = lines.filter((l) => l.startsWith('seeding the demo publication: '));
      expect(counts).toEqual(
        Array.from({ length: total }, (_, i) => `seeding the demo publication: ${i + 1} of ${total}`),
      );
      expect(out).not.toContain('\r');

      const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      // The home page three times: the later ones are answered by the cache replay, before Fastify.
      for (let i = 0; i < 3; i++) expect((await fetch(`${url}/`)).status).toBe(200);
      expect((await fetch(`${url}/search?q=forbidden-word`)).status).toBe(200);
      expect((await fetch(`${url}/no-such-page?token=private-token`)).status).toBe(404);
      const sent = /^\[access\] /gm;
      await waitFor(() => (out.match(sent) ?? []).length >= 5, {
        timeoutMs: 5_000,
        message: 'five access lines',
      });

      const access = out.split('\n').filter((l) => l.startsWith('[access] '));
      const shape = /^\[access\] (GET) (\S+) (\d{3}) \d+\.\dms$/;
      for (const line of access) expect(line).toMatch(shape);
      expect(access.filter((l) => /^\[access\] GET \/ 200 /.test(l))).toHaveLength(3);
      expect(access).toContainEqual(expect.stringMatching(/^\[access\] GET \/search 200 /));
      expect(access).toContainEqual(expect.stringMatching(/^\[access\] GET \/no-such-page 404 /));
      for (const secret of ['127.0.0.1', '?', 'forbidden-word', 'private-token', 'undici', 'node'])
        expect(access.join('\n'), secret).not.toContain(secret);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 180_000);
});
