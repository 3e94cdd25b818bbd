// `npm run bench -- mirror`: the static mirror export (samizdat mirror export DIR). Full export
// time, CPU time, files and size for the demo publication and for a synthetic archive of
// BENCH_MIRROR_ARTICLES (default 10,000; 100,000 for the figure, about an hour of a
// shared machine), an incremental export after one publish (target: under 2 s), and the peak
// memory (RSS) during each export, with the load average beside them. BENCH_MIRROR_DEMO=0 skips
// the demo. Run alone with `npx tsx bench/mirror.bench.ts`.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load-config.ts';
import type { Services } from '../src/container.ts';
import { createServices } from '../src/web/services.ts';
import { connect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemoIfEmpty } from '../src/modules/demo/index.ts';
import { systemActor } from '../src/modules/staff/index.ts';
import { exportMirror } from '../src/web/mirror/index.ts';
import { archiveFile } from './site-archive.bench.ts';
import { round } from './support.ts';
import { loadAverages } from './wrk.ts';

const COUNT = Number(process.env.BENCH_MIRROR_ARTICLES ?? 10_000);

function log(line: string): void {
  console.error(`[mirror] ${line}`);
}

function sizeOf(dir: string): { files: number; mb: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const s = statSync(full);
      if (s.isDirectory()) walk(full);
      else {
        files++;
        bytes += s.size;
      }
    }
  };
  walk(dir);
  return { files, mb: round(bytes / 1024 / 1024) };
}

/** Runs `fn`, sampling this process's RSS every 50 ms: seconds taken and the peak in MB. */
async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; seconds: number; cpuSeconds: number; peakMB: number; load: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return {
      result,
      seconds: round((performance.now() - started) / 1000, 2),
      cpuSeconds: round((used.user + used.system) / 1e6, 2),
      peakMB: round(peak / 1024 / 1024),
      load: loadAverages()[0],
    };
  } finally {
    clearInterval(timer);
  }
}

async function site(dbFile: string): Promise<{ services: Services; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-mirror-'));
  const config = loadConfig({
    env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
    cwd: dataDir,
  });
  const db = await connect({ url: dbFile });
  await migrateToLatest(db);
  const services = await createServices(config, { db, migrate: false, changeFeed: false });
  return { services, dataDir };
}

/** An incremental export after one publish, on a mirror and database kept by an earlier run. */
async function incrementalOnly(
  label: string,
  services: Services,
  dir: string,
): Promise<Record<string, number>> {
  await services.articles.create(systemActor, {
    title: `A story published after the kept mirror ${Date.now()}`,
    standfirst: 'Short.',
    body_html: '<p>Body.</p>',
    language: 'en',
    status: 'published',
  });
  const incremental = await measured(() => exportMirror(services, { dir }));
  log(`${label}: incremental ${JSON.stringify(incremental.result)}`);
  return {
    [`${label} incremental after 1 publish s`]: incremental.seconds,
    [`${label} incremental CPU s`]: incremental.cpuSeconds,
    [`${label} incremental load (1 min)`]: incremental.load,
    [`${label} incremental files written`]: incremental.result.written,
    [`${label} incremental peak RSS MB`]: incremental.peakMB,
  };
}

async function run(label: string, services: Services, keep?: string): Promise<Record<string, number>> {
  const dir = keep ? join(keep, 'mirror') : mkdtempSync(join(tmpdir(), 'samizdat-bench-mirror-out-'));
  try {
    // One change on record before the first export, so that the next one can be incremental (a
    // generated archive has an empty change feed, and a mirror exported at an empty feed cannot
    // know what changed after it).
    await services.articles.create(systemActor, {
      title: 'A story published before the mirror',
      standfirst: 'Short.',
      body_html: '<p>Body.</p>',
      language: 'en',
      status: 'published',
    });
    log(`${label}: full export... (load ${loadAverages().join(' ')})`);
    let lastLog = performance.now();
    const full = await measured(() =>
      exportMirror(services, {
        dir,
        onProgress: (done) => {
          if (performance.now() - lastLog < 30_000) return;
          lastLog = performance.now();
          const rss = round(process.memoryUsage().rss / 1024 / 1024);
          log(`${label}: ${done} files, ${rss} MB resident, load ${loadAverages()[0]}`);
        },
      }),
    );
    const size = sizeOf(dir);
    log(
      `${label}: ${full.result.files} files in ${full.seconds} s (CPU ${full.cpuSeconds} s, load ${full.load})`,
    );
    const created = await services.articles.create(systemActor, {
      title: 'A story published after the mirror',
      standfirst: 'Short.',
      body_html: '<p>Body.</p>',
      language: 'en',
      status: 'published',
    });
    void created;
    // A site whose change feed was empty at the first export (a generated archive) gets one more
    // full export; the one after it is incremental, and is measured.
    const measuredFirst = await measured(() => exportMirror(services, { dir }));
    const first = measuredFirst.result;
    if (first.mode === 'full') {
      log(`${label}: one more full export (${first.reason})`);
      await services.articles.create(systemActor, {
        title: 'A second story published after the mirror',
        standfirst: 'Short.',
        body_html: '<p>Body.</p>',
        language: 'en',
        status: 'published',
      });
    }
    const incremental =
      first.mode === 'full' ? await measured(() => exportMirror(services, { dir })) : measuredFirst;
    log(`${label}: incremental ${JSON.stringify(incremental.result)}`);
    return {
      [`${label} full export s`]: full.seconds,
      [`${label} full export CPU s`]: full.cpuSeconds,
      [`${label} full export ms per file`]: round((full.seconds * 1000) / Math.max(1, size.files), 2),
      [`${label} full export load (1 min)`]: full.load,
      [`${label} files`]: size.files,
      [`${label} size MB`]: size.mb,
      [`${label} full export peak RSS MB`]: full.peakMB,
      [`${label} incremental after 1 publish s`]: incremental.seconds,
      [`${label} incremental CPU s`]: incremental.cpuSeconds,
      [`${label} incremental load (1 min)`]: incremental.load,
      [`${label} incremental files written`]: incremental.result.written,
      [`${label} incremental peak RSS MB`]: incremental.peakMB,
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMirror(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  if (process.env.BENCH_MIRROR_DEMO !== '0') {
    const dbDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-mirror-db-'));
    const { services, dataDir } = await site(join(dbDir, 'demo.sqlite'));
    try {
      await seedDemoIfEmpty(services, {});
      await services.jobs.runUntilIdle?.();
      Object.assign(figures, await run('demo', services));
    } finally {
      await services.close();
      await services.db.close();
      rmSync(dbDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (COUNT > 0) {
    // BENCH_MIRROR_KEEP=DIR keeps the archive's database and mirror in DIR; a later run with
    // BENCH_MIRROR_REUSE=DIR measures only an incremental export after one more publish on them
    // (the code changed in between, the 100,000-article full export not repeated).
    const reuse = process.env.BENCH_MIRROR_REUSE;
    const keep = reuse ? undefined : process.env.BENCH_MIRROR_KEEP;
    const dbDir = reuse ?? keep ?? mkdtempSync(join(tmpdir(), 'samizdat-bench-mirror-db-'));
    const copy = join(dbDir, 'archive.sqlite');
    mkdirSync(dbDir, { recursive: true });
    if (!reuse) copyFileSync((await archiveFile(COUNT)).file, copy);
    const { services, dataDir } = await site(copy);
    try {
      Object.assign(
        figures,
        reuse
          ? await incrementalOnly(`${COUNT} articles`, services, join(reuse, 'mirror'))
          : await run(`${COUNT} articles`, services, keep),
      );
    } finally {
      await services.close();
      await services.db.close();
      if (!reuse && !keep) rmSync(dbDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchMirror();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(44)} ${v}`);
}
