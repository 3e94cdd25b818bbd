// A CPU profile of uncached renders (issue 15): the seeded demo on SQLite (or PostgreSQL with
// BENCH_PROFILE_DB=postgres), the page cache emptied before each render, BENCH_PROFILE_RENDERS
// (300) renders of the lead article and of the home page through app.inject, profiled with V8's
// sampler around the loop only (start-up and seeding excluded). Writes
// renders-<page>.cpuprofile (open in Chrome DevTools) and prints the functions with the most
// self time, and the CPU ms per render; with BENCH_PROFILE_QUERIES=1 (SQLite) each statement run. Run with `npx tsx bench/renders-profile.ts [article|home]`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { seedDemoIfEmpty } from '../src/modules/demo/seed-demo.ts';
import { enqueueStaleParts, paths } from '../src/modules/site/index.ts';
import { createPublicSite } from '../src/web/public-site.ts';
import { buildServer } from '../src/web/server.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { benchDb, round } from './support.ts';

const RENDERS = Number(process.env.BENCH_PROFILE_RENDERS ?? 300);
const dialect = process.env.BENCH_PROFILE_DB === 'postgres' ? 'postgres' : 'sqlite';
const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['article', 'home'];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function top(profile: { nodes: ProfileNode[] }, n = 30): string[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const f = node.callFrame;
    const where = f.url.replace(/^.*\/(node_modules|src)\//, '$1/');
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, hits]) => `${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}`);
}

/** With BENCH_PROFILE_QUERIES=1 (SQLite): each statement's text, count and time over the loop. */
const queries = new Map<string, { n: number; ms: number }>();
let countQueries = false;
if (process.env.BENCH_PROFILE_QUERIES === '1' && dialect === 'sqlite') {
  const { default: SQLite } = await import('better-sqlite3');
  const probe = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  for (const method of ['all', 'get', 'run']) {
    const original = proto[method] as (this: { source: string }, ...args: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      if (!countQueries) return original.apply(this, args);
      const t = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const q = queries.get(this.source) ?? { n: 0, ms: 0 };
        q.n++;
        q.ms += performance.now() - t;
        queries.set(this.source, q);
      }
    };
  }
  probe.close();
}

const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-profile-'));
const { db, drop } = await benchDb(dialect);
try {
  await migrateToLatest(db);
  const config = loadConfig({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'never', SITE_URL: 'http://127.0.0.1:4000' },
    cwd: dataDir,
  });
  const services = await createServices(config, { db });
  await seedDemoIfEmpty(services, { heroWidth: 800 });
  await enqueueStaleParts(services.jobs);
  await services.jobs.runUntilIdle?.();
  const app = await buildServer(services, { site: await createPublicSite(services) });
  await app.ready();
  const lead = (
    await services.articles.list({ language: config.DEFAULT_LANGUAGE, limit: 1 }, { status: 'published' })
  ).items[0]!;
  const urls: Record<string, string> = { article: paths.article(lead.slug), home: '/' };
  const render = async (url: string) => {
    services.pageCache.clear();
    const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
  };
  for (const url of Object.values(urls)) for (let i = 0; i < 300; i++) await render(url);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  for (const page of pages) {
    const url = urls[page]!;
    queries.clear();
    countQueries = true;
    await session.post('Profiler.start');
    const cpu = process.cpuUsage();
    for (let i = 0; i < RENDERS; i++) await render(url);
    const used = process.cpuUsage(cpu);
    const { profile } = await session.post('Profiler.stop');
    countQueries = false;
    for (const [text, q] of [...queries].sort((a, b) => b[1].ms - a[1].ms)) {
      const each = round(q.ms / q.n, 3);
      console.log(`${round(q.n / RENDERS, 1)} per render, ${each} ms each: ${text.slice(0, 150)}`);
    }
    writeFileSync(`renders-${page}.cpuprofile`, JSON.stringify(profile));
    console.log(
      `\n${page} (${dialect}): ${round((used.user + used.system) / 1000 / RENDERS, 2)} CPU ms per render`,
    );
    console.log(top(profile as { nodes: ProfileNode[] }).join('\n'));
  }
  session.disconnect();
  await app.close();
  await services.close();
} finally {
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
}
