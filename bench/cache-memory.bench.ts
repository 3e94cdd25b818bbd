// Memory of a web process under made-up Content API filters (issue 8): `samizdat serve` with one
// web process over a fresh SQLite database, then 20,000 requests with random `?tag=` and
// `?author=` values. Prints the process's resident memory before and after. The server runs as
// its own process so the figure is the server's alone, not the load generator's.
// Run alone with `npx tsx bench/cache-memory.bench.ts`; SAMIZDAT_BIN points at another checkout's
// bin/samizdat.js to measure it the same way.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { round } from './support.ts';

const BIN = process.env.SAMIZDAT_BIN ?? resolve(import.meta.dirname, '../bin/samizdat.js');
const REQUESTS = Number(process.env.BENCH_CACHE_REQUESTS ?? 20_000);
const CONCURRENCY = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of a process, in MB, from /proc. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return round(Number(kb) / 1024);
}

/** `count` GETs of `pathOf(i)`, `CONCURRENCY` at a time; each must answer 200. */
async function load(baseUrl: string, count: number, pathOf: (i: number) => string): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const path = pathOf(next++);
        const res = await fetch(baseUrl + path, { headers: { 'accept-encoding': 'gzip, br' } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

export async function benchCacheMemory(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-cache-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATA_DIR: dataDir,
    PORT: '0',
    SEED_DEMO: 'never',
    LOG_LEVEL: 'silent',
    WEB_WORKERS: '1',
  };
  // apikey needs an existing site: migrate creates it (as serve would).
  spawnSync(process.execPath, [BIN, 'migrate'], { cwd: dataDir, env });
  const key = spawnSync(process.execPath, [BIN, 'apikey', 'create', '--name', 'bench', '--role', 'owner'], {
    cwd: dataDir,
    env,
    encoding: 'utf8',
  })
    .stdout.trim()
    .split('\n')
    .at(-1)!;
  const server = spawn(process.execPath, [BIN, 'serve', '--no-worker'], { cwd: dataDir, env });
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  try {
    const deadline = Date.now() + 60_000;
    let baseUrl = '';
    while (!baseUrl && Date.now() < deadline && server.exitCode === null) {
      baseUrl = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
      await sleep(100);
    }
    if (!baseUrl) throw new Error(`the server did not start:\n${out}`);

    // A little to list, and the code paths warm, before the baseline is taken.
    const tag = await fetch(`${baseUrl}/api/admin/v1/tags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Economy' }),
    });
    if (tag.status !== 201) throw new Error(`tag: ${tag.status} ${await tag.text()}`);
    await load(baseUrl, 500, (i) => `/api/content/v1/articles?tag=economy&limit=${1 + (i % 20)}`);
    await sleep(1000);
    const before = rssMb(server.pid!);

    const randomSlug = () => `t-${randomBytes(6).toString('hex')}`;
    const perSec = await load(baseUrl, REQUESTS, (i) =>
      i % 2 === 0
        ? `/api/content/v1/articles?tag=${randomSlug()}`
        : `/api/content/v1/articles?author=${randomSlug()}&page=${1 + (i % 50)}`,
    );
    const after = rssMb(server.pid!);
    await sleep(3000);
    const settled = rssMb(server.pid!);
    console.error(
      `cache memory: RSS ${before} MB before, ${after} MB after ${REQUESTS} random-filter requests, ${settled} MB 3 s later`,
    );
    return {
      rssBeforeMb: before,
      rssAfterMb: after,
      rssSettledMb: settled,
      requests: REQUESTS,
      requestsPerSec: round(perSec),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(undefined)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchCacheMemory());
}
