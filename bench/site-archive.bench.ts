// The public site over a large archive: BENCH_ARTICLES (default 100,000) synthetic articles on
// SQLite, served by `samizdat serve` in its own process. Prints the server's memory after start
// and after warming, cold render times (each page requested once, so each is a full render:
// queries, theme, gzip and brotli), search latency, the sitemap index and a 50,000-URL child
// sitemap, and the home page from cache under wrk. The generated database is kept in bench/.out/
// (keyed by count and generator source) and copied for each run, so later runs start in seconds.
// Run alone with `npx tsx bench/site-archive.bench.ts`.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SLUG_PATTERN } from '../src/lib/slug.ts';
import { PER_PAGE } from '../src/modules/site/site-context.ts';
import { paths } from '../src/modules/site/urls.ts';
import { round } from './support.ts';
import { generateSyntheticArchive, type SyntheticArchiveOptions } from './synthetic-archive.ts';
import { seededRandom } from '../src/lib/seeded-random.ts';
import {
  findExecutable,
  loadAverages,
  median,
  rawGet,
  rssMB,
  runWrk,
  SKIPPED_LOAD_TOOLS,
  startServerProcess,
  type ServerProcess,
} from './wrk.ts';

const COUNT = Number(process.env.BENCH_ARTICLES ?? 100_000);
const SAMPLES = 20;
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 10);
const OUT_DIR = resolve(import.meta.dirname, '.out');
const BR = { 'Accept-Encoding': 'br' };

function log(line: string): void {
  console.error(`[site-archive] ${line}`);
}

/** The generated archive's database file, made once per count and generator version. */
export async function archiveFile(count: number): Promise<{ file: string; generatedSeconds: number }> {
  const options: SyntheticArchiveOptions = { count, languages: ['en', 'ru'], tags: 40, seed: 1 };
  const generator = readFileSync(join(import.meta.dirname, 'synthetic-archive.ts'));
  const key = createHash('sha256')
    .update(generator)
    .update(JSON.stringify(options))
    .digest('hex')
    .slice(0, 10);
  const file = join(OUT_DIR, `site-archive-${count}-${key}.sqlite`);
  if (existsSync(file)) {
    log(`reusing ${file}`);
    return { file, generatedSeconds: 0 };
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  log(`generating ${count} articles into ${file} (once)...`);
  const db = await connect({ url: partial });
  try {
    await migrateToLatest(db);
    const archive = await generateSyntheticArchive(db, options);
    log(`generated in ${round(archive.seconds)} s`);
    await db.close(); // the last connection checkpoints the WAL into the file
    renameSync(partial, file);
    return { file, generatedSeconds: archive.seconds };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  }
}

interface Sample {
  articleSlugs: string[];
  tagSlugs: string[];
  queries: string[];
  homePages: number;
  /** Published articles whose slug the site refuses. */
  unreachable: number;
}

/** What to request: random published articles, tags, and a distinctive title word of each article. */
async function sample(file: string, language: string): Promise<Sample> {
  const db = await connect({ url: file });
  try {
    const rows = await db.kysely
      .selectFrom('articles')
      .select(['slug', 'title', 'language'])
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    // The generator's Russian titles make Cyrillic slugs, which the site's slug rule refuses (404):
    // pages are sampled from the reachable ones, search words from all.
    const reachable = rows.filter((r) => SLUG_PATTERN.test(r.slug));
    const rnd = seededRandom(7);
    const picked = Array.from({ length: SAMPLES }, () => rows[Math.floor(rnd() * rows.length)]!);
    const pages = Array.from({ length: SAMPLES }, () => reachable[Math.floor(rnd() * reachable.length)]!);
    const tags = await db.kysely.selectFrom('tags').select('slug').orderBy('slug').limit(SAMPLES).execute();
    const inLanguage = rows.filter((r) => r.language === language).length;
    return {
      articleSlugs: pages.map((r) => r.slug),
      unreachable: rows.length - reachable.length,
      tagSlugs: tags.map((t) => t.slug),
      // The longest word of a title: a topic word, found in a few hundred articles, not in all.
      queries: picked.map((r) =>
        r.title
          .split(/\s+/)
          .reduce((a, b) => (b.length > a.length ? b : a))
          .toLowerCase(),
      ),
      homePages: Math.max(1, Math.ceil(inLanguage / PER_PAGE)),
    };
  } finally {
    await db.close();
  }
}

/** Each path once, in order: times in ms (every one a first request, so a full render). */
async function coldTimes(server: ServerProcess, paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    const res = await rawGet(server.baseUrl + path, BR);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    times.push(res.ms);
  }
  return times;
}

function summary(name: string, times: number[]): Record<string, number> {
  const sorted = [...times].sort((a, b) => a - b);
  log(
    `${name}: median ${round(median(times), 2)} ms, max ${round(sorted.at(-1)!, 2)} ms over ${times.length}`,
  );
  return { [`${name}MedianMs`]: round(median(times), 2), [`${name}MaxMs`]: round(sorted.at(-1)!, 2) };
}

export async function benchSiteArchive(): Promise<Record<string, number>> {
  const out: Record<string, number> = { articles: COUNT };
  const { file, generatedSeconds } = await archiveFile(COUNT);
  if (generatedSeconds) out.generateSeconds = round(generatedSeconds);
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-archive-'));
  try {
    const database = join(dataDir, 'samizdat.sqlite');
    copyFileSync(file, database);
    out.databaseMB = round(statSync(database).size / 1024 / 1024);
    const picks = await sample(database, 'en');
    out.homePages = picks.homePages;
    out.publishedWithUnusableSlug = picks.unreachable;

    const started = performance.now();
    // One web process, so memory and cold-render figures are those of one process.
    const server = await startServerProcess(dataDir, { WEB_WORKERS: '1' });
    out.bootSeconds = round((performance.now() - started) / 1000, 2);
    try {
      await new Promise((done) => setTimeout(done, 1000));
      out.rssAfterStartMB = round(rssMB(server.pid));
      out.loadAvg1mAtStart = loadAverages()[0];
      log(
        `server up in ${out.bootSeconds} s, ${out.rssAfterStartMB} MB resident; load ${loadAverages().join(' ')}`,
      );

      out.homeFirstRequestMs = round((await coldTimes(server, ['/']))[0]!, 2);
      log(`home, first request after boot: ${out.homeFirstRequestMs} ms`);
      const pages = Array.from({ length: SAMPLES }, (_, i) => paths.homePage(i + 2));
      Object.assign(out, summary('listingColdPage2to21', await coldTimes(server, pages)));
      const [half, last] = await coldTimes(server, [
        paths.homePage(Math.ceil(picks.homePages / 2)),
        paths.homePage(picks.homePages),
      ]);
      out.listingColdMiddlePageMs = round(half!, 2);
      out.listingColdLastPageMs = round(last!, 2);
      log(
        `listing /page/${Math.ceil(picks.homePages / 2)}: ${out.listingColdMiddlePageMs} ms; /page/${picks.homePages}: ${out.listingColdLastPageMs} ms`,
      );
      Object.assign(
        out,
        summary(
          'tagCold',
          await coldTimes(
            server,
            picks.tagSlugs.map((s) => paths.tag(s)),
          ),
        ),
      );
      Object.assign(
        out,
        summary('articleCold', await coldTimes(server, picks.articleSlugs.map(paths.article))),
      );
      const searches = picks.queries.map((q) => `/search?q=${encodeURIComponent(q)}`);
      Object.assign(out, summary('search', await coldTimes(server, searches)));
      out.searchBroadQueryMs = round((await coldTimes(server, ['/search?q=the']))[0]!, 2);
      log(`search for "the" (in nearly every English article): ${out.searchBroadQueryMs} ms`);
      out.archiveIndexColdMs = round((await coldTimes(server, [paths.archive()]))[0]!, 2);

      const index = await rawGet(server.baseUrl + paths.sitemapIndex(), BR);
      out.sitemapIndexColdMs = round(index.ms, 2);
      const children = [
        ...brotliDecompressSync(index.body)
          .toString('utf8')
          .matchAll(/<loc>[^<]*(\/sitemaps\/articles-\d+\.xml)<\/loc>/g),
      ];
      const child = children[0]?.[1];
      if (!child) throw new Error('the sitemap index lists no article sitemap');
      const first = await rawGet(server.baseUrl + child, BR);
      if (first.status !== 200) throw new Error(`GET ${child}: ${first.status}`);
      const xml = brotliDecompressSync(first.body).toString('utf8');
      out.sitemapChildUrls = xml.split('<loc>').length - 1;
      out.sitemapChildColdMs = round(first.ms, 2);
      out.sitemapChildMB = round(Buffer.byteLength(xml) / 1024 / 1024, 2);
      out.sitemapChildBrKB = round(first.body.length / 1024);
      out.sitemapChildCachedMs = round((await rawGet(server.baseUrl + child, BR)).ms, 2);
      log(
        `sitemap index ${out.sitemapIndexColdMs} ms (${children.length} article sitemaps); ${child}: ` +
          `${out.sitemapChildUrls} URLs, ${out.sitemapChildMB} MB, cold ${out.sitemapChildColdMs} ms, cached ${out.sitemapChildCachedMs} ms`,
      );

      if (findExecutable('wrk')) {
        out.loadAvg1mBeforeWrk = loadAverages()[0];
        const home = await runWrk(`${server.baseUrl}/`, { durationSeconds: WRK_SECONDS, headers: BR });
        out.homeCachedReqPerSec = round(home.requestsPerSec, 0);
        out.homeCachedP50Ms = round(home.latencyP50Ms, 2);
        out.homeCachedP99Ms = round(home.latencyP99Ms, 2);
        out.homeCachedErrors = home.non2xx + home.errors;
        log(`home from cache: ${out.homeCachedReqPerSec} req/s, p99 ${out.homeCachedP99Ms} ms`);
      } else {
        console.log(SKIPPED_LOAD_TOOLS);
      }
      out.rssAfterWarmMB = round(rssMB(server.pid));
      out.peakRssMB = round(rssMB(server.pid, 'VmHWM'));
      out.loadAvg1mAfterWrk = loadAverages()[0];
      log(
        `resident ${out.rssAfterWarmMB} MB after warming (peak ${out.peakRssMB} MB); load ${loadAverages().join(' ')}`,
      );
    } finally {
      await server.stop();
    }
    return out;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchSiteArchive());
}
