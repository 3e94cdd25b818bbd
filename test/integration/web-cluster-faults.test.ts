import { chmodSync, mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenOf, sleep, startServe, type ServeRun } from '../support/serve-process.ts';

// `serve` with WEB_WORKERS=2 under faults. The fault is a real one an operator can cause: the key
// file becomes readable by others while the site runs. Running processes hold the key already and
// keep serving; every replacement refuses to start until the mode is fixed.

/** A GET on a new connection (so the cluster may hand it to either process): its status. */
function status(baseUrl: string, path = '/healthz'): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${baseUrl}${path}`, { agent: false, timeout: 5000, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('timeout', function (this: { destroy(err: Error): void }) {
        this.destroy(new Error(`GET ${path} timed out`));
      })
      .on('error', reject);
  });
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(100);
  return check();
}

describe('serve with two web processes, when a replacement cannot start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-faults-'));
  const keyFile = join(dataDir, 'secret.key');
  let serve: ServeRun;
  let child: ServeRun['child'];
  let baseUrl = '';

  beforeAll(async () => {
    serve = await startServe(['serve'], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATA_DIR: dataDir,
        PORT: '0',
        SEED_DEMO: 'never',
        LOG_LEVEL: 'silent',
        WEB_WORKERS: '2',
      },
    });
    child = serve.child;
    baseUrl = serve.baseUrl;
  }, 90_000);

  afterAll(async () => {
    chmodSync(keyFile, 0o600);
    await serve?.stop();
  });

  it('keeps serving from the healthy process, backs off, and says why the replacement failed', async () => {
    expect(baseUrl, serve.out).toMatch(/^http:/);
    const [victim, survivor] = childrenOf(child.pid!);
    chmodSync(keyFile, 0o644);
    process.kill(victim!, 'SIGKILL');
    // A connection the supervisor handed to the victim as it died may fail; none after that.
    expect(await until(() => serve.out.includes(`web process ${victim} stopped`), 10_000)).toBe(true);
    const failures = () =>
      serve.out.match(/web process \d+ stopped before serving \(exit code 1: secret key: .*\n/g) ?? [];
    // Until two replacements have failed, the site keeps answering.
    const started = Date.now();
    while (failures().length < 3 && Date.now() - started < 30_000) {
      expect(await status(baseUrl)).toBe(200);
      await sleep(100);
    }
    expect(child.exitCode).toBeNull();
    expect(childrenOf(child.pid!)).toContain(survivor);
    expect(failures().length, serve.out).toBeGreaterThanOrEqual(3);
    expect(failures()[0]).toContain(
      `secret key: ${keyFile} is readable by other users (mode 0644); run: chmod 600 ${keyFile}); 1 of 2 serving; starting another in 0.5 s`,
    );
    // The delay doubles with each failure in a row.
    expect(failures()[1]).toContain('1 of 2 serving; starting another in 1 s');
    expect(failures()[2]).toContain('1 of 2 serving; starting another in 2 s');

    // The operator fixes the mode: the next attempt starts and both processes serve again.
    chmodSync(keyFile, 0o600);
    const back = await until(() => /; 2 of 2 serving\n/.test(serve.out), 30_000);
    expect(back, serve.out).toBe(true);
    expect(childrenOf(child.pid!)).toHaveLength(2);
    for (let i = 0; i < 6; i++) expect(await status(baseUrl, '/')).toBe(200);
  }, 90_000);

  it('gives up with one line only when no process is serving and none can start', async () => {
    chmodSync(keyFile, 0o644);
    const before = serve.out.length;
    for (const pid of childrenOf(child.pid!)) process.kill(pid, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(child.exitCode).toBe(1);
    const lines = serve.out.slice(before).trim().split('\n');
    expect(lines.at(-1)).toBe(
      `samizdat: no web process can start: secret key: ${keyFile} is readable by other users (mode 0644); run: chmod 600 ${keyFile} (exit code 1)`,
    );
  }, 60_000);
});
