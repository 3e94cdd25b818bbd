// `npm run bench -- import`: a synthetic WordPress export of IMPORT_BENCH_POSTS posts (default
// 100,000; no images), written to a temporary file a post at a time, imported on SQLite and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL. Reports posts per second and the
// process's peak RSS, sampled every 100 ms, and RSS at 10%, 50% and 100% of the posts: the file is
// streamed, so memory should stay flat.
// IMPORT_BENCH_DATABASES=sqlite or =postgres runs one database only. Run alone with
// `npx tsx bench/import.bench.ts`.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { importArchive } from '../src/cli/commands/import.ts';
import { wxrHead, wxrItem, WXR_TAIL } from '../test/support/wxr-fixtures.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';

const POSTS = Number(process.env.IMPORT_BENCH_POSTS ?? 100_000);
const SITE = 'https://old.example';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function writeExport(file: string, posts: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    wxrHead(SITE, {
      authors: [
        { login: 'jane', name: 'Jane Roe' },
        { login: 'ivan', name: 'Ivan Petrov' },
      ],
    }),
  );
  for (let i = 1; i <= posts; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    await write(
      wxrItem(SITE, {
        id: i,
        title: `Report number ${i} from the valley`,
        slug: `report-${i}`,
        date: `2015-03-${day} 10:00:00`,
        creator: i % 2 ? 'jane' : 'ivan',
        categories: [
          { domain: 'category', nicename: `section-${i % 8}`, name: `Section ${i % 8}` },
          { domain: 'post_tag', nicename: `tag-${i % 50}`, name: `Tag ${i % 50}` },
        ],
        content: `<!-- wp:paragraph --><p>Paragraph one of report ${i}, about water and roads.</p><!-- /wp:paragraph -->\n\nSecond paragraph with a [caption]no image here[/caption] and <strong>bold</strong> words.\n\nThird paragraph, longer, so the body is the size of a short news item: ${'words '.repeat(60)}`,
        comments: i % 3,
      }),
    );
  }
  await write(WXR_TAIL);
  out.end();
  await once(out, 'finish');
}

async function run(dialect: 'sqlite' | 'postgres', file: string): Promise<Record<string, number>> {
  const { db, drop } = await benchDb(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-import-bench-'));
  const config = loadConfig({
    env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
    cwd: dataDir,
  });
  const services = await createServices(config, { db, changeFeed: false });
  let peak = process.memoryUsage().rss;
  let done = 0;
  let ticks = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    // IMPORT_BENCH_TRACE=1: where the memory is, every 2 s (heap, buffers outside it, RSS).
    if (process.env.IMPORT_BENCH_TRACE && ++ticks % 20 === 0)
      process.stderr.write(
        `${dialect} ${done} posts: rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} buffers ${mb(m.arrayBuffers)}\n`,
      );
  }, 100);
  // RSS as the import passes 10%, 50% and 100% of the posts: flat means streamed.
  const checkpoints = new Map([0.1, 0.5, 1].map((f) => [Math.max(1, Math.round(POSTS * f)), f]));
  const atCheckpoint: Record<string, number> = {};
  const onProgress = (n: number) => {
    done = n;
    const f = checkpoints.get(n);
    if (f !== undefined) {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      atCheckpoint[`${dialect}: RSS MB at ${f * 100}%`] = round(rss / 1024 / 1024);
    }
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const quiet = new Writable({ write: (_c, _e, done) => done() }) as unknown as NodeJS.WriteStream;
  try {
    const { report } = await importArchive(
      services,
      { platform: 'wordpress', path: file, reportFile: join(dataDir, 'report.json'), onProgress },
      quiet,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (report.articles.imported !== POSTS)
      throw new Error(
        `imported ${report.articles.imported} of ${POSTS}: ${JSON.stringify(report.errors.slice(0, 3))}`,
      );
    return {
      [`${dialect}: posts`]: POSTS,
      [`${dialect}: seconds`]: round(seconds),
      [`${dialect}: posts/s`]: round(POSTS / seconds),
      // This process's own CPU time: on a shared machine, wall-clock speed says more about the
      // other tenants than about the import (PostgreSQL's own work is not in it).
      [`${dialect}: CPU seconds (this process)`]: round(cpuSeconds),
      [`${dialect}: posts per CPU second`]: round(POSTS / cpuSeconds),
      ...atCheckpoint,
      [`${dialect}: peak RSS MB`]: round(peak / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    await services.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchImport(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-wxr-'));
  const file = join(dir, 'export.xml');
  try {
    await writeExport(file, POSTS);
    const figures: Record<string, number> = { 'export MB': round(statSync(file).size / 1024 / 1024) };
    // IMPORT_BENCH_DATABASES=postgres (or sqlite) runs one of them only.
    const only = process.env.IMPORT_BENCH_DATABASES;
    if (!only || only.includes('sqlite')) Object.assign(figures, await run('sqlite', file));
    if (benchPostgresUrl && (!only || only.includes('postgres')))
      Object.assign(figures, await run('postgres', file));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchImport());
