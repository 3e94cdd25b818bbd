// Footprint and cold speed (issue 15), in one table: what each process holds, what each module
// costs, uncached renders per second (median and p99), and cached pages under wrk against nginx
// serving the same bytes with the same headers, nginx serving the file with its own headers only,
// and bare node:http.
//
// Memory is resident set size (VmRSS, and VmHWM for peaks) from /proc, which other load on the
// machine does not change; per-module figures load one module at a time in a fresh child process
// (bench/module-memory.mjs) after a full GC, so they do not depend on load order. Rates are noisy
// on a shared machine: Samizdat and nginx are alternated and the median run of each is reported.
// Run alone with `npx tsx bench/footprint.bench.ts`; BENCH_WRK_SECONDS (default 5) per wrk run.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { paths } from '../src/modules/site/urls.ts';
import { enqueueStaleParts } from '../src/modules/site/index.ts';
import { createPublicSite } from '../src/web/public-site.ts';
import { buildServer } from '../src/web/server.ts';
import { round } from './support.ts';
import {
  findExecutable,
  loadAverages,
  median,
  rawGet,
  rssMB,
  runWrk,
  samizdatStartSettings,
  SKIPPED_LOAD_TOOLS,
  startServerProcess,
  type WrkResult,
} from './wrk.ts';
import { startNginx, startNodeStatic, type SavedResponse } from './reference-servers.ts';

const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RENDER_SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 3);
const CRAWL_LIMIT = 400;
/**
 * The budgets (issue 15): a web process that has served every page kind, and any process once the
 * first start is done, at most WEB_BUDGET_MB; the supervisor of `serve` at most SUPERVISOR_BUDGET_MB
 * of its own. The benchmark fails (after printing everything) when a figure is above its budget.
 */
const WEB_BUDGET_MB = Number(process.env.BENCH_WEB_BUDGET_MB ?? 120);
const SUPERVISOR_BUDGET_MB = Number(process.env.BENCH_SUPERVISOR_BUDGET_MB ?? 80);
/** `memory` skips the module table, the render rates and wrk (a quick look at process memory). */
const ONLY = process.env.BENCH_FOOTPRINT_ONLY;
const BR = { 'Accept-Encoding': 'br' };
const ROOT = resolve(import.meta.dirname, '..');
const src = (path: string) => pathToFileURL(join(ROOT, 'src', path)).href;

/** What each piece costs when a process loads it; [name, specifier, export to call]. */
const MODULES: Array<[string, string, string?]> = [
  ['node itself (baseline RSS, not a growth)', 'none'],
  ['tsx loader (no longer in any process)', 'tsx'],
  ['fastify', 'fastify'],
  ['@fastify/compress', '@fastify/compress'],
  ['kysely', 'kysely'],
  ['better-sqlite3', 'better-sqlite3'],
  ['pg', 'pg'],
  ['liquidjs', 'liquidjs'],
  ['lightningcss', 'lightningcss'],
  ['sharp', 'sharp'],
  ['happy-dom (HTML parser)', 'happy-dom'],
  ['TipTap document schema', src('modules/articles/document/document-schema.ts')],
  ['graphile-worker', 'graphile-worker'],
  ['nodemailer', 'nodemailer'],
  ['@node-rs/argon2', '@node-rs/argon2'],
  ['@simplewebauthn/server', '@simplewebauthn/server'],
  ['zod', 'zod'],
  ['transliteration (first slug)', 'transliteration'],
  ['snowball-stemmers (first search)', 'snowball-stemmers'],
  ['stripe (Stripe rail only)', 'stripe'],
  ['migrations (migrating processes)', src('db/migrate.ts')],
  ['container (all services)', src('container.ts')],
  ['web server + public site', src('web/public-site.ts')],
];

function log(line: string): void {
  console.error(`[footprint] ${line}`);
}

/** In a process started as `samizdat` starts one (bin/samizdat.js's flags and environment). */
function moduleMB(specifier: string, call?: string): number {
  const { flags, env } = samizdatStartSettings();
  const out = execFileSync(
    process.execPath,
    [
      ...flags,
      '--expose-gc',
      join(import.meta.dirname, 'module-memory.mjs'),
      specifier,
      ...(call ? [call] : []),
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } },
  );
  const { mb, rssMB } = JSON.parse(out.trim().split('\n').at(-1)!) as { mb: number; rssMB: number };
  return round(specifier === 'none' ? rssMB : mb);
}

function childPids(pid: number): number[] {
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

/** Whether a process has mapped a shared library (sharp's libvips, say): it loaded that module. */
function hasMapped(pid: number, fragment: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/maps`, 'utf8').includes(fragment);
  } catch {
    return false;
  }
}

const HREF = /(?:href|src)="(\/[^"#]*)"/g;

/**
 * Every page kind of the site, found by following links from the home page (articles, tags,
 * authors, archives, listing pages, media, assets), plus what no page links to: feeds, sitemaps,
 * robots.txt, a search, the Content API. Each URL once; returns how many answered 200.
 */
async function crawl(baseUrl: string): Promise<{ ok: number; failed: string[] }> {
  const seen = new Set<string>();
  const queue = [
    '/',
    paths.sitemapIndex(),
    paths.newsSitemap(),
    paths.robots(),
    '/search?q=the',
    '/api/content/v1/articles',
    '/api/content/v1/tags',
    '/api/content/v1/authors',
    '/healthz',
  ];
  let ok = 0;
  const failed: string[] = [];
  while (queue.length && seen.size < CRAWL_LIMIT) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await rawGet(baseUrl + path, { 'Accept-Encoding': 'gzip, br' });
    if (res.status !== 200) {
      failed.push(`${path} ${res.status}`);
      continue;
    }
    ok++;
    if (!String(res.headers['content-type']).startsWith('text/html')) continue;
    const plain = await rawGet(baseUrl + path);
    for (const m of plain.body.toString('utf8').matchAll(HREF)) {
      const next = m[1]!.replace(/&amp;/g, '&');
      if (!next.startsWith('/admin') && !seen.has(next)) queue.push(next);
    }
  }
  return { ok, failed };
}

interface Rate {
  perSec: number;
  medianMs: number;
  p99Ms: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

/** Uncached renders through the real routes (app.inject), the page cache emptied before each. */
async function renderRate(
  inject: (path: string) => Promise<number>,
  clear: () => void,
  path: string,
): Promise<Rate> {
  const once = async () => {
    clear();
    const status = await inject(path);
    if (status !== 200) throw new Error(`GET ${path}: ${status}`);
  };
  const warm = performance.now() + 1000;
  while (performance.now() < warm) await once();
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() < started + RENDER_SECONDS * 1000) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  return {
    perSec: times.length / ((performance.now() - started) / 1000),
    medianMs: median(times),
    p99Ms: percentile(times, 99),
  };
}

export async function benchFootprint(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const table: Array<{ figure: string; value: number | string; budget?: number }> = [];
  const over: string[] = [];
  const row = (figure: string, value: number | string, budgetMB?: number) => {
    table.push({ figure, value, ...(budgetMB === undefined ? {} : { budget: budgetMB }) });
    if (typeof value === 'number') out[figure] = value;
    if (budgetMB !== undefined && typeof value === 'number' && value > budgetMB)
      over.push(`${figure} ${value} > ${budgetMB}`);
    log(`${figure}: ${value}${budgetMB === undefined ? '' : ` (budget ${budgetMB})`}`);
  };
  const done = () => {
    console.table(table);
    if (over.length) throw new Error(`memory over budget: ${over.join('; ')}`);
    return out;
  };

  row('load average (1 min) at start', loadAverages()[0]);

  // 1. Modules, one per child process.
  const modules: Array<{ module: string; MB: number }> = [];
  for (const [name, specifier, call] of ONLY === 'memory' ? [] : MODULES)
    modules.push({ module: name, MB: moduleMB(specifier, call) });
  console.table(modules);
  for (const m of modules) out[`module ${m.module} MB`] = m.MB;

  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-footprint-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    // 2. First start: migrations and the demo seed (with its images), then serving.
    // BENCH_FOOTPRINT_DATA: a DATA_DIR seeded before, copied instead (skips the first start).
    if (process.env.BENCH_FOOTPRINT_DATA) {
      cpSync(process.env.BENCH_FOOTPRINT_DATA, dataDir, { recursive: true });
    } else {
      const first = await startServerProcess(dataDir, { WEB_WORKERS: '1', SEED_DEMO: 'auto' }, 1_200_000);
      stops.push(first.stop);
      await new Promise((done) => setTimeout(done, 1000));
      row('first start (seeded): web process RSS MB', round(rssMB(first.pid)), WEB_BUDGET_MB);
      row('first start: peak RSS MB (VmHWM)', round(rssMB(first.pid, 'VmHWM')));
      await first.stop();
    }

    // 3. One web process after serving every page kind and the APIs.
    const one = await startServerProcess(dataDir, { WEB_WORKERS: '1' });
    stops.push(one.stop);
    await new Promise((done) => setTimeout(done, 500));
    row('web process RSS after start MB', round(rssMB(one.pid)));
    row('web process has sharp loaded', hasMapped(one.pid, 'libvips') ? 'yes' : 'no');
    const crawled = await crawl(one.baseUrl);
    if (crawled.failed.length) log(`not 200: ${crawled.failed.slice(0, 10).join(', ')}`);
    row('URLs crawled (200)', crawled.ok);
    await crawl(one.baseUrl); // the same again, from the cache
    row('web process RSS after every page kind MB', round(rssMB(one.pid)), WEB_BUDGET_MB);
    row('web process peak RSS MB (VmHWM)', round(rssMB(one.pid, 'VmHWM')));
    row('web process has sharp loaded after crawl', hasMapped(one.pid, 'libvips') ? 'yes' : 'no');
    await one.stop();

    // 4. `serve` with WEB_WORKERS=auto: the supervisor's own memory and each web process's.
    const cluster = await startServerProcess(dataDir, { WEB_WORKERS: 'auto' });
    stops.push(cluster.stop);
    await crawl(cluster.baseUrl);
    row('serve auto: supervisor own RSS MB', round(rssMB(cluster.pid)), SUPERVISOR_BUDGET_MB);
    const workers = childPids(cluster.pid).map((pid) => round(rssMB(pid)));
    row('serve auto: web processes', workers.length);
    row('serve auto: largest web process RSS MB', Math.max(...workers), WEB_BUDGET_MB);

    // 4b. The same with the background jobs in the supervisor (plain `serve`), after 20 s of idle
    // jobs (the scheduler's first rounds): reported beside it, since that supervisor holds the
    // services the jobs need.
    const withJobs = await startServerProcess(dataDir, { WEB_WORKERS: 'auto' }, undefined, ['serve']);
    stops.push(withJobs.stop);
    await crawl(withJobs.baseUrl);
    await new Promise((wait) => setTimeout(wait, Number(process.env.BENCH_JOBS_IDLE_MS ?? 20_000)));
    row('serve auto with jobs: supervisor own RSS MB', round(rssMB(withJobs.pid)));
    row(
      'serve auto with jobs: largest web process RSS MB',
      Math.max(...childPids(withJobs.pid).map((pid) => round(rssMB(pid)))),
      WEB_BUDGET_MB,
    );
    await withJobs.stop();

    if (ONLY === 'memory') return done();

    // 5. Uncached renders in this process (no network), the page cache emptied before each.
    const config = loadConfig({
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'never', SITE_URL: 'http://127.0.0.1:4000' },
      cwd: dataDir,
    });
    const services = await createServices(config, { migrate: false });
    // What a worker does (the server above ran without one): store the articles' page parts.
    await enqueueStaleParts(services.jobs);
    await services.jobs.runUntilIdle?.();
    const app = await buildServer(services, { site: await createPublicSite(services) });
    await app.ready();
    const lead = (
      await services.articles.list({ language: config.DEFAULT_LANGUAGE, limit: 1 }, { status: 'published' })
    ).items[0]!;
    const articlePath = paths.article(lead.slug);
    const inject = async (path: string) =>
      (await app.inject({ method: 'GET', url: path, headers: BR })).statusCode;
    for (const [name, path] of [
      ['article', articlePath],
      ['home', '/'],
    ] as const) {
      const r = await renderRate(inject, () => services.pageCache.clear(), path);
      row(`${name} uncached renders/s`, round(r.perSec));
      row(`${name} uncached median ms`, round(r.medianMs, 2));
      row(`${name} uncached p99 ms`, round(r.p99Ms, 2));
    }
    await app.close();
    await services.close();

    // 6. Cached pages under wrk, against references serving the same bytes.
    if (!findExecutable('wrk') || !findExecutable('nginx')) {
      console.log(SKIPPED_LOAD_TOOLS);
    } else {
      const saved = await rawGet(cluster.baseUrl + articlePath, BR);
      const same: SavedResponse = { path: '/article.br', body: saved.body, headers: saved.headers };
      const plain: SavedResponse = {
        path: '/article.br',
        body: saved.body,
        headers: { 'content-type': saved.headers['content-type'] },
      };
      const nginx = await startNginx([same]);
      stops.push(nginx.stop);
      const nginxPlain = await startNginx([plain]);
      stops.push(nginxPlain.stop);
      const bare = await startNodeStatic([same]);
      stops.push(bare.stop);
      const wrk = (url: string) =>
        runWrk(url, { durationSeconds: WRK_SECONDS, threads: 2, connections: 50, headers: BR });
      const runs: Record<string, WrkResult[]> = { auto: [], nginx: [], plain: [] };
      for (let i = 0; i < ROUNDS; i++) {
        runs.auto!.push(await wrk(cluster.baseUrl + articlePath));
        runs.nginx!.push(await wrk(`${nginx.baseUrl}/article.br`));
        runs.plain!.push(await wrk(`${nginxPlain.baseUrl}/article.br`));
      }
      await cluster.stop();
      const single = await startServerProcess(dataDir, { WEB_WORKERS: '1' });
      stops.push(single.stop);
      await rawGet(single.baseUrl + articlePath, BR);
      const singleRun = await wrk(single.baseUrl + articlePath);
      await single.stop();
      const nodeRun = await wrk(`${bare.baseUrl}/article.br`);
      const mid = (rs: WrkResult[]) =>
        [...rs].sort((a, b) => a.requestsPerSec - b.requestsPerSec)[Math.floor(rs.length / 2)]!
          .requestsPerSec;
      const [auto, ng, ngPlain] = [mid(runs.auto!), mid(runs.nginx!), mid(runs.plain!)];
      row('cached article req/s, serve (auto)', round(auto, 0));
      row('cached article req/s, serve (1 process)', round(singleRun.requestsPerSec, 0));
      row('cached article req/s, nginx same headers', round(ng, 0));
      row('cached article req/s, nginx plain', round(ngPlain, 0));
      row('cached article req/s, bare node:http', round(nodeRun.requestsPerSec, 0));
      row('serve auto / nginx same headers', round(auto / ng, 3));
      row('serve auto / nginx plain', round(auto / ngPlain, 3));
      row('one process / nginx same headers', round(singleRun.requestsPerSec / ng, 3));
      row('one process / nginx plain', round(singleRun.requestsPerSec / ngPlain, 3));
      row('one process / bare node:http', round(singleRun.requestsPerSec / nodeRun.requestsPerSec, 3));
    }
    return done();
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchFootprint();
}
