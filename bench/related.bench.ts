// "Read more" at archive scale: generate BENCH_ARTICLES (default 100,000) synthetic articles, then
// time computeRelated for 200 random published ones, and the whole job (which also refreshes the
// neighbours' lists) for 20. On SQLite always; on PostgreSQL too when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set. Run alone with `npx tsx bench/related.bench.ts`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { connect, type Db } from '../src/db/connect.ts';
import type { DialectName } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { up as relatedMigration } from '../src/db/migrations/2026-11-27T1100-related.ts';
import { computeRelated, refreshRelated, refreshTermStats } from '../src/modules/related/index.ts';
import { generateSyntheticArchive, type SyntheticArchiveArticle } from './synthetic-archive.ts';
import { seededRandom } from '../src/lib/seeded-random.ts';

const SAMPLES = 200;
const JOB_SAMPLES = 20;

async function open(dialect: DialectName): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'samizdat-related-bench-'));
    const db = await connect({ url: join(dir, 'bench.sqlite') });
    return { db, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL!;
  const schema = `bench_related_${randomBytes(4).toString('hex')}`;
  const db = await connect({ url, schema });
  return {
    db,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function benchOne(dialect: DialectName, count: number): Promise<Record<string, number>> {
  const { db, cleanup } = await open(dialect);
  try {
    await migrateToLatest(db);
    await relatedMigration(db.kysely, db.dialect); // idempotent; until it is registered
    const archive = await generateSyntheticArchive(db, { count, languages: ['en', 'ru'], tags: 40, seed: 1 });
    let started = performance.now();
    await refreshTermStats(db, { force: true });
    const termStatsSeconds = (performance.now() - started) / 1000;

    const published = archive.articles.filter((a) => a.status === 'published');
    const byId = new Map(archive.articles.map((a) => [a.id, a]));
    const rnd = seededRandom(99);
    const picked: SyntheticArchiveArticle[] = [];
    for (let i = 0; i < SAMPLES; i++) picked.push(published[Math.floor(rnd() * published.length)]!);

    const times: number[] = [];
    let results = 0;
    let sameTopic = 0;
    for (const article of picked) {
      started = performance.now();
      const list = await computeRelated(db, article.id);
      times.push(performance.now() - started);
      results += list.length;
      sameTopic += list.filter((r) => byId.get(r.id)?.topic === article.topic).length;
    }
    times.sort((a, b) => a - b);

    const jobTimes: number[] = [];
    for (const article of picked.slice(0, JOB_SAMPLES)) {
      started = performance.now();
      await refreshRelated(db, article.id);
      jobTimes.push(performance.now() - started);
    }
    jobTimes.sort((a, b) => a - b);

    return {
      [`${dialect}.articles`]: count,
      [`${dialect}.archiveSeconds`]: round(archive.seconds),
      [`${dialect}.termStatsSeconds`]: round(termStatsSeconds),
      [`${dialect}.computeMedianMs`]: round(percentile(times, 0.5)),
      [`${dialect}.computeP95Ms`]: round(percentile(times, 0.95)),
      [`${dialect}.jobMedianMs`]: round(percentile(jobTimes, 0.5)),
      [`${dialect}.meanResults`]: round(results / SAMPLES),
      // Synthetic articles are written from story topics: the share of results on the source's topic.
      [`${dialect}.sameTopicPercent`]: round((100 * sameTopic) / Math.max(1, results)),
    };
  } finally {
    await db.close();
    await cleanup();
  }
}

export async function benchRelated(): Promise<Record<string, number>> {
  const count = Number(process.env.BENCH_ARTICLES ?? 100_000);
  const dialects: DialectName[] =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const out: Record<string, number> = {};
  for (const dialect of dialects) Object.assign(out, await benchOne(dialect, count));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchRelated(), null, 2));
}
