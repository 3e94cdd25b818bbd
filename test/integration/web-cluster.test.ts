import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../support/html-probe.ts';
import {
  childrenOf,
  SAMIZDAT_BIN as BIN,
  sleep,
  startServe,
  type ServeRun,
} from '../support/serve-process.ts';

// `samizdat serve` with WEB_WORKERS=2: a supervisor and two web processes on one port, each with
// its own page cache. A reader must get the same, current page whichever process answers.

/** Ten GETs, each on a new connection, so the cluster spreads them over its workers. */
async function homes(baseUrl: string): Promise<string[]> {
  const pages: string[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await rawGet(baseUrl, '/', { connection: 'close' });
    expect(res.status).toBe(200);
    pages.push(res.body.toString('utf8'));
  }
  return pages;
}

describe('serve with several web processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-cluster-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATA_DIR: dataDir,
    PORT: '0',
    SEED_DEMO: 'never',
    LOG_LEVEL: 'silent',
    WEB_WORKERS: '2',
  };
  let serve: ServeRun;
  let baseUrl = '';
  let key = '';

  beforeAll(async () => {
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
    key = created.stdout.trim().split('\n').at(-1)!;
    serve = await startServe(['serve'], { cwd: dataDir, env });
    baseUrl = serve.baseUrl;
  }, 90_000);

  afterAll(async () => serve?.stop());

  it('starts two web processes under one supervisor and serves from both', async () => {
    expect(baseUrl, serve.out).toMatch(/^http:/);
    expect(serve.out).toContain('2 web processes share the port.');
    expect(childrenOf(serve.child.pid!)).toHaveLength(2);
    for (const page of await homes(baseUrl)) expect(page).toContain('<html lang="en"');
  });

  it('shows an article published through one process on every process at once', async () => {
    await homes(baseUrl); // both processes have the home page cached now
    const res = await fetch(`${baseUrl}/api/admin/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Night trains to the coast return',
        body_html: '<p>The first left at 22:40.</p>',
        status: 'published',
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const started = Date.now();
    let pages = await homes(baseUrl);
    while (
      pages.some((p) => !p.includes('Night trains to the coast return')) &&
      Date.now() - started < 3000
    ) {
      await sleep(50);
      pages = await homes(baseUrl);
    }
    expect(pages.filter((p) => p.includes('Night trains to the coast return'))).toHaveLength(10);
  });

  it('replaces a web process that dies', async () => {
    const [victim] = childrenOf(serve.child.pid!);
    process.kill(victim!, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let now = childrenOf(serve.child.pid!);
    while ((now.length !== 2 || now.includes(victim!)) && Date.now() < deadline) {
      await sleep(100);
      now = childrenOf(serve.child.pid!);
    }
    expect(now).toHaveLength(2);
    expect(now).not.toContain(victim);
    expect(serve.out).toMatch(
      /web process \d+ stopped \(signal SIGKILL\); 1 of 2 serving; starting another\n/,
    );
    // The newcomer starts with an empty cache and renders the current page.
    for (const page of await homes(baseUrl)) expect(page).toContain('Night trains to the coast return');
  }, 60_000);

  it('stops every process on SIGTERM', async () => {
    const workers = childrenOf(serve.child.pid!);
    serve.child.kill('SIGTERM');
    await new Promise((r) => serve.child.once('exit', r));
    expect(serve.child.exitCode).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
