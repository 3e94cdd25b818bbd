// The public site on the seeded demo (SQLite). Uncached: how many full renders (queries, theme,
// gzip, brotli) of the home and an article page one process does per second with the page cache
// emptied before each request. Cached: `samizdat serve` in its own process under wrk (2 threads,
// 50 connections, 10 s, brotli and gzip), against references serving the very same bytes and
// headers: nginx (the target is >= 60% of it), bare node:http (what Node itself allows), and
// nginx caching in front of Samizdat. The article page is measured BENCH_ROUNDS (3) times,
// alternating with nginx, so other load on the machine falls on both alike.
// Run alone with `npx tsx bench/site.bench.ts`; BENCH_WRK_SECONDS changes the 10 s per wrk run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { seedDemoIfEmpty } from '../src/modules/demo/seed-demo.ts';
import { PageCache } from '../src/web/cache/index.ts';
import { paths } from '../src/modules/site/urls.ts';
import { createPublicSite } from '../src/web/public-site.ts';
import { buildServer } from '../src/web/server.ts';
import { round } from './support.ts';
import {
  findExecutable,
  loadAverages,
  median,
  rawGet,
  treeRssMB,
  runWrk,
  SKIPPED_LOAD_TOOLS,
  startServerProcess,
  type WrkResult,
} from './wrk.ts';
import { startNginx, startNginxCache, startNodeStatic, type SavedResponse } from './reference-servers.ts';

const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 10);
const RENDER_SECONDS = 5;
/** Samizdat and nginx on the article page, alternated: the headline comparison. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Like nginx's `worker_processes auto`: one web process per core. */
const WEB_WORKERS = process.env.BENCH_WEB_WORKERS ?? 'auto';
const BR = { 'Accept-Encoding': 'br' };
const GZIP = { 'Accept-Encoding': 'gzip' };

function log(line: string): void {
  console.error(`[site] ${line}`);
}

function wrkFigures(prefix: string, r: WrkResult): Record<string, number> {
  log(
    `${prefix}: ${round(r.requestsPerSec, 0)} req/s, p50 ${round(r.latencyP50Ms, 2)} ms, p99 ${round(r.latencyP99Ms, 2)} ms, ` +
      `${r.non2xx} non-2xx, ${r.errors} socket errors`,
  );
  return {
    [`${prefix}ReqPerSec`]: round(r.requestsPerSec, 0),
    [`${prefix}P50Ms`]: round(r.latencyP50Ms, 2),
    [`${prefix}P99Ms`]: round(r.latencyP99Ms, 2),
    [`${prefix}Errors`]: r.non2xx + r.errors,
  };
}

/** The run with the median request rate. */
function medianRun(runs: WrkResult[]): WrkResult {
  return [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec)[Math.floor(runs.length / 2)]!;
}

/**
 * Full renders per second through the real routes (app.inject: no network), with the page cache
 * emptied before every request so each one queries, renders and compresses the page afresh.
 */
async function rendersPerSecond(
  app: FastifyInstance,
  clear: () => void,
  path: string,
): Promise<{ perSec: number; medianMs: number }> {
  const once = async () => {
    clear();
    const res = await app.inject({ method: 'GET', url: path, headers: BR });
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode}`);
  };
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil) await once();
  const times: number[] = [];
  const started = performance.now();
  const until = started + RENDER_SECONDS * 1000;
  while (performance.now() < until) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  return { perSec: times.length / ((performance.now() - started) / 1000), medianMs: median(times) };
}

/** What storing one page in the page cache costs (its gzip, brotli and ETag), in ms. */
function cacheStoreMs(html: Buffer): number {
  const cache = new PageCache();
  const times: number[] = [];
  const until = performance.now() + 2000;
  while (performance.now() < until && times.length < 200) {
    const t = performance.now();
    cache.set('page', { body: html, contentType: 'text/html; charset=utf-8', tags: [] });
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function benchSite(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-site-'));
  try {
    // 1. Seed the demo as `serve` would (full-size heroes), then render in this process.
    const config = loadConfig({
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'never', SITE_URL: 'http://127.0.0.1:4000' },
      cwd: dataDir,
    });
    const services = await createServices(config);
    const started = performance.now();
    await seedDemoIfEmpty(services);
    out.seedSeconds = round((performance.now() - started) / 1000);
    // What the worker does after the seed: the articles' stored page parts, Read more.
    await services.jobs.runUntilIdle?.();
    const published = await services.articles.list(
      { language: config.DEFAULT_LANGUAGE, limit: 100 },
      { status: 'published' },
    );
    const lead = published.items[0];
    if (!lead) throw new Error('the demo seed published nothing');
    const articlePath = paths.article(lead.slug);
    log(
      `seeded ${published.total} published ${config.DEFAULT_LANGUAGE} articles in ${out.seedSeconds} s; article page ${articlePath}`,
    );

    const app = await buildServer(services, { site: await createPublicSite(services) });
    await app.ready();
    const clear = () => services.pageCache.clear();
    const [one] = loadAverages();
    out.loadAvgDuringRenders = one;
    for (const [name, path] of [
      ['home', '/'],
      ['article', articlePath],
    ] as const) {
      const r = await rendersPerSecond(app, clear, path);
      out[`${name}UncachedRendersPerSec`] = round(r.perSec);
      out[`${name}UncachedRenderMedianMs`] = round(r.medianMs, 2);
      log(`${name}: ${round(r.perSec)} uncached renders/s (median ${round(r.medianMs, 2)} ms)`);
    }
    const plain = await app.inject({ method: 'GET', url: articlePath });
    out.articleHtmlKB = round(plain.rawPayload.length / 1024);
    out.articleCacheStoreMs = round(cacheStoreMs(plain.rawPayload), 2);
    log(
      `article: ${out.articleHtmlKB} KB of HTML; storing it in the page cache (gzip, brotli, ETag) takes ${out.articleCacheStoreMs} ms`,
    );
    await app.close();
    await services.close();

    // 2. The same database served by `samizdat serve` in its own process, loaded with wrk.
    if (!findExecutable('wrk')) {
      console.log(SKIPPED_LOAD_TOOLS);
      return out;
    }
    const stops: Array<() => Promise<void>> = [];
    try {
      const server = await startServerProcess(dataDir, { WEB_WORKERS });
      stops.push(server.stop);
      out.serverRssAfterStartMB = round(treeRssMB(server.pid));
      // Cold, one at a time, in a fresh process: every published article once.
      const home = await rawGet(`${server.baseUrl}/`, BR);
      out.homeFirstRequestMs = round(home.ms);
      const cold: number[] = [];
      for (const article of published.items) {
        const res = await rawGet(server.baseUrl + paths.article(article.slug), BR);
        if (res.status !== 200) throw new Error(`GET ${paths.article(article.slug)}: ${res.status}`);
        cold.push(res.ms);
      }
      out.articleColdMedianMsOverHttp = round(median(cold), 2);
      log(`cold article pages over HTTP: median ${out.articleColdMedianMsOverHttp} ms over ${cold.length}`);

      const saved: SavedResponse[] = [];
      for (const [path, headers, name] of [
        ['/', BR, 'home.br'],
        [articlePath, BR, 'article.br'],
        [articlePath, GZIP, 'article.gz'],
      ] as const) {
        const res = await rawGet(server.baseUrl + path, headers);
        const encoding = headers['Accept-Encoding'];
        if (res.status !== 200 || res.headers['content-encoding'] !== encoding) {
          throw new Error(`GET ${path}: ${res.status}, content-encoding ${res.headers['content-encoding']}`);
        }
        saved.push({ path: `/${name}`, body: res.body, headers: res.headers });
        out[`${name.replace('.', '')}KB`] = round(res.body.length / 1024);
      }

      // References, all idle until their turn: nginx serving the saved bytes with the same
      // headers; bare node:http doing the same (what Node itself costs); nginx caching in front
      // of Samizdat as its Cache-Control allows (the deployment that takes hot pages off Node).
      const nginx = findExecutable('nginx')
        ? await startNginx(saved)
        : (console.log(SKIPPED_LOAD_TOOLS), undefined);
      if (nginx) stops.push(nginx.stop);
      const front = nginx ? await startNginxCache(server.baseUrl, articlePath) : undefined;
      if (front) stops.push(front.stop);
      const bare = await startNodeStatic(saved);
      stops.push(bare.stop);
      if (nginx) {
        const check = await rawGet(`${nginx.baseUrl}/article.br`, BR);
        if (check.status !== 200 || !check.body.equals(saved[1]!.body)) {
          throw new Error(`nginx /article.br: ${check.status}, not the saved bytes`);
        }
      }
      if (front) {
        await rawGet(front.baseUrl + articlePath, BR); // the first brotli request fills its cache
        const hit = await rawGet(front.baseUrl + articlePath, BR);
        if (hit.headers['x-cache'] !== 'HIT' || hit.headers['content-encoding'] !== 'br') {
          throw new Error(
            `nginx in front: X-Cache ${hit.headers['x-cache']}, ${hit.headers['content-encoding']}`,
          );
        }
      }

      const load = loadAverages();
      out.loadAvg1mBeforeWrk = load[0];
      const wrkOptions = { durationSeconds: WRK_SECONDS, threads: 2, connections: 50 };
      const run = (url: string, headers: Record<string, string>) => runWrk(url, { ...wrkOptions, headers });
      Object.assign(out, wrkFigures('homeBr', await run(`${server.baseUrl}/`, BR)));
      Object.assign(out, wrkFigures('articleGzip', await run(server.baseUrl + articlePath, GZIP)));
      if (nginx)
        Object.assign(out, wrkFigures('nginxArticleGzip', await run(`${nginx.baseUrl}/article.gz`, GZIP)));
      // The headline pair, alternated so that other load on the machine falls on both alike.
      const ours: WrkResult[] = [];
      const theirs: WrkResult[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        ours.push(await run(server.baseUrl + articlePath, BR));
        wrkFigures(`articleBr#${round}`, ours.at(-1)!);
        if (!nginx) continue;
        theirs.push(await run(`${nginx.baseUrl}/article.br`, BR));
        wrkFigures(`nginxArticleBr#${round}`, theirs.at(-1)!);
      }
      Object.assign(out, wrkFigures('articleBr', medianRun(ours)));
      if (nginx) Object.assign(out, wrkFigures('nginxArticleBr', medianRun(theirs)));
      Object.assign(out, wrkFigures('nodeHttpArticleBr', await run(`${bare.baseUrl}/article.br`, BR)));
      if (front)
        Object.assign(out, wrkFigures('nginxFrontArticleBr', await run(front.baseUrl + articlePath, BR)));
      out.serverRssAfterWrkMB = round(treeRssMB(server.pid));
      out.serverPeakRssMB = round(treeRssMB(server.pid, 'VmHWM'));
      // The same with a single web process (WEB_WORKERS=1), for comparison.
      await server.stop();
      const single = await startServerProcess(dataDir, { WEB_WORKERS: '1' });
      stops.push(single.stop);
      await rawGet(single.baseUrl + articlePath, BR);
      Object.assign(out, wrkFigures('oneProcessArticleBr', await run(single.baseUrl + articlePath, BR)));
      await single.stop();

      const ratio = (a: number | undefined, b: number | undefined) => (a && b ? round(a / b, 3) : NaN);
      out.articleBrVsNginx = ratio(out.articleBrReqPerSec, out.nginxArticleBrReqPerSec);
      out.articleGzipVsNginx = ratio(out.articleGzipReqPerSec, out.nginxArticleGzipReqPerSec);
      out.articleBrVsNodeHttp = ratio(out.articleBrReqPerSec, out.nodeHttpArticleBrReqPerSec);
      out.oneProcessArticleBrVsNginx = ratio(out.oneProcessArticleBrReqPerSec, out.nginxArticleBrReqPerSec);
      out.oneProcessVsNodeHttp = ratio(out.oneProcessArticleBrReqPerSec, out.nodeHttpArticleBrReqPerSec);
      out.nginxFrontVsNginx = ratio(out.nginxFrontArticleBrReqPerSec, out.nginxArticleBrReqPerSec);
      out.loadAvg1mAfterWrk = loadAverages()[0];
      log(
        `Samizdat (${WEB_WORKERS} web workers)/nginx: ${out.articleBrVsNginx} (br), ${out.articleGzipVsNginx} (gzip); ` +
          `one process/nginx ${out.oneProcessArticleBrVsNginx}, one process/node:http ${out.oneProcessVsNodeHttp}; ` +
          `nginx cache in front/nginx ${out.nginxFrontVsNginx}; ` +
          `load ${load.join(' ')} -> ${loadAverages().join(' ')}`,
      );
    } finally {
      for (const stop of stops.reverse()) await stop();
    }
    return out;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchSite());
}
