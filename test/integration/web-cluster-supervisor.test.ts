import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../support/html-probe.ts';
import { childrenOf, SAMIZDAT_BIN as BIN, startServe, type ServeRun } from '../support/serve-process.ts';

// `serve --no-worker` with WEB_WORKERS=2: the supervisor runs no jobs, so it only forks and watches
// the web processes; a short-lived child creates the site, migrates and seeds first. The
// supervisor never opens the database: that is what keeps it small (bench/footprint.bench.ts).

const baseEnv = (dataDir: string) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  DATA_DIR: dataDir,
  PORT: '0',
  SEED_DEMO: 'never',
  LOG_LEVEL: 'silent',
  WEB_WORKERS: '2',
});

describe('serve --no-worker with two web processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-supervisor-'));
  let serve: ServeRun;
  let baseUrl = '';

  beforeAll(async () => {
    // No `migrate` first: the site is created by the child that prepares it.
    serve = await startServe(['serve', '--no-worker'], {
      cwd: dataDir,
      env: baseEnv(dataDir),
      ready: /Background jobs are off/,
    });
    baseUrl = serve.baseUrl;
  }, 90_000);

  afterAll(async () => serve?.stop());

  it('creates the site, announces it, and serves from two processes', async () => {
    expect(baseUrl, serve.out).toMatch(/^http:/);
    expect(serve.out).toContain('2 web processes share the port.');
    expect(childrenOf(serve.child.pid!)).toHaveLength(2);
    for (let i = 0; i < 6; i++) {
      const res = await rawGet(baseUrl, '/', { connection: 'close' });
      expect(res.status).toBe(200);
    }
  });

  it('holds no database and no services in the supervisor, only in the web processes', () => {
    const maps = (pid: number) => readFileSync(`/proc/${pid}/maps`, 'utf8');
    expect(maps(serve.child.pid!)).not.toContain('better_sqlite3');
    for (const pid of childrenOf(serve.child.pid!)) expect(maps(pid)).toContain('better_sqlite3');
  });

  it('stops every process on SIGTERM', async () => {
    const workers = childrenOf(serve.child.pid!);
    serve.child.kill('SIGTERM');
    await new Promise((r) => serve.child.once('exit', r));
    expect(serve.child.exitCode).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);

  it('says in one line what failed when the site cannot be prepared, and exits 1', () => {
    const broken = mkdtempSync(join(tmpdir(), 'samizdat-supervisor-'));
    const run = spawnSync(process.execPath, [BIN, 'serve', '--no-worker'], {
      cwd: broken,
      env: { ...baseEnv(broken), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^samizdat: configuration error: DATABASE_URL: cannot use the database/);
  }, 60_000);
});
