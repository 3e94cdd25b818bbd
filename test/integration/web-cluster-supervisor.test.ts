import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../support/html-probe.ts';

// `serve --no-worker` with WEB_WORKERS=2: the supervisor runs no jobs, so it only forks and watches
// the web processes; a short-lived child creates the site, migrates and seeds first. The
// supervisor never opens the database: that is what keeps it small (bench/footprint.bench.ts).

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

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
  let child: ChildProcess;
  let out = '';
  let baseUrl = '';

  beforeAll(async () => {
    // No `migrate` first: the site is created by the child that prepares it.
    child = spawn(process.execPath, [BIN, 'serve', '--no-worker'], { cwd: dataDir, env: baseEnv(dataDir) });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!/Background jobs are off/.test(out) && Date.now() < deadline && child.exitCode === null)
      await sleep(100);
    baseUrl = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('creates the site, announces it, and serves from two processes', async () => {
    expect(baseUrl, out).toMatch(/^http:/);
    expect(out).toContain('2 web processes share the port.');
    expect(childrenOf(child.pid!)).toHaveLength(2);
    for (let i = 0; i < 6; i++) {
      const res = await rawGet(baseUrl, '/', { connection: 'close' });
      expect(res.status).toBe(200);
    }
  });

  it('holds no database and no services in the supervisor, only in the web processes', () => {
    const maps = (pid: number) => readFileSync(`/proc/${pid}/maps`, 'utf8');
    expect(maps(child.pid!)).not.toContain('better_sqlite3');
    for (const pid of childrenOf(child.pid!)) expect(maps(pid)).toContain('better_sqlite3');
  });

  it('stops every process on SIGTERM', async () => {
    const workers = childrenOf(child.pid!);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(child.exitCode).toBe(0);
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
