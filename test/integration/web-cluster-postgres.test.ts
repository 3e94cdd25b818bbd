// `samizdat serve` with WEB_WORKERS=2 on PostgreSQL: the cluster test (web-cluster.test.ts) runs
// the processes on SQLite; here they share a PostgreSQL database, as a larger newsroom runs them.
// A reader must get the same, current page whichever process answers. Only with TEST_DATABASE_URL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { waitFor } from '../support/wait-for.ts';

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');
const serverUrl = process.env.TEST_DATABASE_URL;

/** A GET on a new connection (agent: false), so the cluster spreads requests over its workers. */
function getOnNewConnection(url: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    }).on('error', fail);
  });
}

describe.runIf(serverUrl)('serve with several web processes on PostgreSQL', () => {
  // A database of its own (not a schema): the processes use the server's default search path.
  const database = `samizdat_cluster_${randomBytes(4).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: serverUrl });
  const dataDir = tempDir('cluster-pg');
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let out = '';
  let baseUrl = '';
  let key = '';

  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATA_DIR: dataDir,
      DATABASE_URL: url.href,
      PORT: '0',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'silent',
      WEB_WORKERS: '2',
    };
    // apikey needs an existing site: migrate creates it (as serve would).
    spawnSync(process.execPath, [BIN, 'migrate'], { cwd: dataDir, env });
    const created = spawnSync(
      process.execPath,
      [BIN, 'apikey', 'create', '--name', 'desk', '--role', 'editor'],
      {
        cwd: dataDir,
        env,
        encoding: 'utf8',
      },
    );
    expect(created.status, created.stderr).toBe(0);
    key = created.stdout.trim().split('\n').at(-1)!;
    child = spawn(process.execPath, [BIN, 'serve'], { cwd: dataDir, env });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => /share the port/.test(out) || child!.exitCode !== null, {
      timeoutMs: 60_000,
      intervalMs: 100,
      message: 'the supervisor started its web processes',
    });
    baseUrl = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
  });

  /** Ten home pages, each on a new connection. */
  const homes = async () => {
    const pages: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await getOnNewConnection(`${baseUrl}/`);
      expect(res.status).toBe(200);
      pages.push(res.body);
    }
    return pages;
  };

  it('starts two web processes on the PostgreSQL database', async () => {
    expect(baseUrl, out).toMatch(/^http:/);
    expect(out).toContain('2 web processes share the port.');
    for (const page of await homes()) expect(page).toContain('<html lang="en"');
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM api_keys');
    await client.end();
    expect(Number(rows[0]!.n), 'the key made by `apikey create` is in PostgreSQL').toBe(1);
  });

  it('shows an article published through one process on every process at once', async () => {
    const headline = 'Harbour cranes stand still for the strike';
    await homes(); // both processes have the home page cached now
    const res = await fetch(`${baseUrl}/api/admin/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: headline, body_html: '<p>Since dawn.</p>', status: 'published' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    await waitFor(async () => (await homes()).every((page) => page.includes(headline)), {
      timeoutMs: 3000,
      intervalMs: 50,
      message: 'every web process serves the new headline',
    });
  });
});
