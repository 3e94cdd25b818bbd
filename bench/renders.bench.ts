// Uncached renders (issue 15) on both databases: the seeded demo, the page cache emptied before
// every request, the article and home pages rendered through the real routes (app.inject, no
// network) for BENCH_RENDER_SECONDS (5) each. Median, p99 and renders per second, with the
// article's stored parts (the normal state after a save) and without them (every body rendered
// from scratch), and the machine's load average beside them: on a shared machine the rates move
// with it, so the CPU time per render (this process's user + system time over the renders) is
// given too, and 1000 / that: the rate one free core would reach. PostgreSQL runs when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
// Run alone with `npx tsx bench/renders.bench.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { seedDemoIfEmpty } from '../src/modules/demo/seed-demo.ts';
import { enqueueStaleParts, paths } from '../src/modules/site/index.ts';
import { createPublicSite } from '../src/web/public-site.ts';
import { buildServer } from '../src/web/server.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';
import { loadAverages, median } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_RENDER_SECONDS ?? 5);
const BR = { 'accept-encoding': 'br' };

function log(line: string): void {
  console.error(`[renders] ${line}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function rate(once: () => Promise<void>) {
  const warm = performance.now() + 1000;
  while (performance.now() < warm) await once();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() < started + SECONDS * 1000) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / times.length;
  return {
    cpuMs: round(cpuMs, 2),
    perSec: round(times.length / ((performance.now() - started) / 1000)),
    medianMs: round(median(times), 2),
    p99Ms: round(percentile(times, 99), 2),
  };
}

async function benchDialect(dialect: 'sqlite' | 'postgres', out: Record<string, number>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-renders-'));
  const { db, drop } = await benchDb(dialect);
  try {
    await migrateToLatest(db);
    const config = loadConfig({
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'never', SITE_URL: 'http://127.0.0.1:4000' },
      cwd: dataDir,
    });
    const services = await createServices(config, { db });
    await seedDemoIfEmpty(services, { heroWidth: 800 });
    // What the worker does after the seed: stored parts, Read more, the search index.
    await enqueueStaleParts(services.jobs);
    await services.jobs.runUntilIdle?.();
    const app = await buildServer(services, { site: await createPublicSite(services) });
    await app.ready();
    const lead = (
      await services.articles.list({ language: config.DEFAULT_LANGUAGE, limit: 1 }, { status: 'published' })
    ).items[0]!;
    const render = (url: string) => async () => {
      services.pageCache.clear();
      const res = await app.inject({ method: 'GET', url, headers: BR });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
    };
    const measure = async (name: string, url: string) => {
      const load = loadAverages()[0];
      const r = await rate(render(url));
      out[`${dialect} ${name} renders/s`] = r.perSec;
      out[`${dialect} ${name} median ms`] = r.medianMs;
      out[`${dialect} ${name} p99 ms`] = r.p99Ms;
      out[`${dialect} ${name} CPU ms per render`] = r.cpuMs;
      out[`${dialect} ${name} renders/s per free core (1000 / CPU ms)`] = round(1000 / r.cpuMs);
      out[`${dialect} ${name} load avg`] = load;
      log(
        `${dialect} ${name}: ${r.perSec}/s, median ${r.medianMs} ms, p99 ${r.p99Ms} ms; ` +
          `${r.cpuMs} CPU ms each (${round(1000 / r.cpuMs)}/s per free core; load ${load})`,
      );
    };
    // The first figure came out slower than the same page measured later in the run (V8 still
    // compiling the render path after the 1 s warm-up): warm both pages before any figure.
    for (const url of [paths.article(lead.slug), '/', paths.article(lead.slug)]) {
      const until = performance.now() + 1500;
      while (performance.now() < until) await render(url)();
    }
    await measure('article', paths.article(lead.slug));
    await measure('home', '/');
    await services.db.kysely.deleteFrom('article_renders').execute();
    await measure('article without stored parts', paths.article(lead.slug));
    await app.close();
    await services.close();
  } finally {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchRenders(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await benchDialect('sqlite', out);
  if (benchPostgresUrl) await benchDialect('postgres', out);
  else log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchRenders());
}
