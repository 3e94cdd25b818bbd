// A cache-busting flood (issue 15): one web process (`samizdat serve`, WEB_WORKERS=1) over the
// seeded demo, then BENCH_FLOOD_REQUESTS (30,000) requests that each ask for something new:
// article and home pages with random query strings, random paths (404), random Host headers,
// made-up theme assets, random searches, Content API filters and page numbers. Memory is sampled
// throughout: the process must stay within its budget (BENCH_FLOOD_BUDGET_MB, 120) and end near
// where it started, and the uncached path must stay fast (article renders timed before and after).
// It prints its figures, then fails when the peak was above the budget (the memory test of the
// benchmark group, with footprint.bench.ts).
// Run alone with `npx tsx bench/cache-flood.bench.ts`; BENCH_FOOTPRINT_DATA reuses a seeded DATA_DIR.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { round } from './support.ts';
import { loadAverages, median, rawGet, rssMB, startServerProcess } from './wrk.ts';

const REQUESTS = Number(process.env.BENCH_FLOOD_REQUESTS ?? 30_000);
const BUDGET_MB = Number(process.env.BENCH_FLOOD_BUDGET_MB ?? 120);
const CONCURRENCY = 16;

function log(line: string): void {
  console.error(`[cache-flood] ${line}`);
}

const junk = () => randomBytes(6).toString('hex');

/** One GET with any Host header (fetch will not send a made-up one); resolves with the status. */
function get(baseUrl: string, path: string, host?: string): Promise<number> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        headers: { 'accept-encoding': 'gzip, br', ...(host ? { host } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function benchCacheFlood(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-flood-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    if (process.env.BENCH_FOOTPRINT_DATA) {
      cpSync(process.env.BENCH_FOOTPRINT_DATA, dataDir, { recursive: true });
    } else {
      const first = await startServerProcess(dataDir, { WEB_WORKERS: '1', SEED_DEMO: 'auto' }, 1_200_000);
      await first.stop();
    }
    const server = await startServerProcess(dataDir, { WEB_WORKERS: '1' });
    stops.push(server.stop);
    const { baseUrl, pid } = server;
    const home = (await rawGet(`${baseUrl}/`)).body.toString('utf8');
    const articles = [...new Set([...home.matchAll(/href="(\/articles\/[^"?#]+)"/g)].map((m) => m[1]!))];
    if (articles.length === 0) throw new Error('the home page links no article');

    // Warm: every article and the home once, so the baseline holds the code paths and a full cache.
    for (const path of ['/', ...articles]) await get(baseUrl, path);
    const coldArticle = async () => {
      const times: number[] = [];
      for (const path of articles) {
        const t = performance.now();
        await get(baseUrl, `${path}?cold=${junk()}`);
        times.push(performance.now() - t);
      }
      return round(median(times), 2);
    };
    const out: Record<string, number> = { budgetMB: BUDGET_MB, requests: REQUESTS };
    out.coldArticleMedianMsBefore = await coldArticle();
    out.rssBeforeMB = round(rssMB(pid));

    const kinds: Array<() => [string, string?]> = [
      () => [`${articles[Math.floor(Math.random() * articles.length)]}?utm=${junk()}`],
      () => [`/?${junk()}=${junk()}`],
      () => [`/${junk()}/${junk()}`],
      () => [`/articles/${junk()}`],
      () => ['/', `${junk()}.example`],
      () => [articles[0]!, `${junk()}.onion`],
      () => [`/assets/${junk()}.${junk().slice(0, 8)}.css`],
      () => [`/search?q=${junk()}`],
      () => [`/api/content/v1/articles?tag=${junk()}`],
      () => [`/page/${2 + Math.floor(Math.random() * 5000)}`],
      () => [`/tag/${junk()}`],
    ];
    let next = 0;
    let peak = out.rssBeforeMB;
    let failed = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 200);
    const load = loadAverages()[0];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const [path, host] = kinds[next++ % kinds.length]!();
          const status = await get(baseUrl, path, host);
          if (status >= 500) failed++;
        }
      }),
    );
    clearInterval(sampler);
    out.floodRequestsPerSec = round(REQUESTS / ((performance.now() - started) / 1000));
    out.serverErrors = failed;
    out.rssPeakDuringFloodMB = round(peak);
    out.rssAfterMB = round(rssMB(pid));
    await new Promise((done) => setTimeout(done, 3000));
    out.rssSettledMB = round(rssMB(pid));
    out.peakRssVmHWMMB = round(rssMB(pid, 'VmHWM'));
    out.coldArticleMedianMsAfter = await coldArticle();
    out.loadAvgDuringFlood = load;
    out.withinBudget = out.rssPeakDuringFloodMB <= BUDGET_MB ? 1 : 0;
    log(
      `RSS ${out.rssBeforeMB} MB before, peak ${out.rssPeakDuringFloodMB} MB during ${REQUESTS} cache-busting ` +
        `requests (${out.floodRequestsPerSec}/s, ${failed} 5xx), ${out.rssSettledMB} MB after; budget ` +
        `${BUDGET_MB} MB ${out.withinBudget ? 'held' : 'EXCEEDED'}; cold article ${out.coldArticleMedianMsBefore} ` +
        `-> ${out.coldArticleMedianMsAfter} ms; load ${load}`,
    );
    if (!out.withinBudget) {
      console.table(out);
      throw new Error(`memory over budget: peak ${out.rssPeakDuringFloodMB} MB > ${BUDGET_MB} MB`);
    }
    return out;
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchCacheFlood());
}
