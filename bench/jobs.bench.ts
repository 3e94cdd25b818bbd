// Job queue throughput: enqueue 2,000 no-op jobs, then process them, on the embedded queue
// (SQLite; and PostgreSQL) and on graphile-worker (PostgreSQL, when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set). Run alone with `npx tsx bench/jobs.bench.ts`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { createJobQueue, defineJob } from '../src/adapters/jobs/index.ts';
import { connect, type Db } from '../src/db/connect.ts';
import { up as initialMigration } from '../src/db/migrations/2026-11-27T0900-initial.ts';

const JOBS = 2_000;

interface Run {
  enqueuePerSecond: number;
  processPerSecond: number;
  /** Enqueued while the workers run: the rate a burst of work is absorbed end to end. */
  endToEndPerSecond: number;
}

async function measure(db: Db, backend: 'embedded' | 'graphile', concurrency: number): Promise<Run> {
  let done = 0;
  const noop = defineJob({
    name: 'bench.noop',
    payload: z.object({ n: z.number() }),
    maxAttempts: 1,
    async handler() {
      done++;
    },
  });
  const queue = createJobQueue(db, [noop], { backend, concurrency, pollIntervalMs: 1000 });
  const drained = async (target: number) => {
    while (done < target) await new Promise((r) => setTimeout(r, 2));
  };
  try {
    await queue.enqueue('bench.noop', { n: -1 }); // warm up: graphile-worker migrates here
    let started = performance.now();
    for (let n = 0; n < JOBS; n++) await queue.enqueue('bench.noop', { n });
    const enqueueSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    await queue.start();
    await drained(JOBS + 1);
    const processSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    for (let n = 0; n < JOBS; n++) await queue.enqueue('bench.noop', { n });
    await drained(2 * JOBS + 1);
    const endToEndSeconds = (performance.now() - started) / 1000;
    return {
      enqueuePerSecond: round(JOBS / enqueueSeconds),
      processPerSecond: round(JOBS / processSeconds),
      endToEndPerSecond: round(JOBS / endToEndSeconds),
    };
  } finally {
    await queue.stop();
  }
}

function flatten(prefix: string, run: Run): Record<string, number> {
  return Object.fromEntries(Object.entries(run).map(([k, v]) => [`${prefix}.${k}`, v]));
}

export async function benchJobs(): Promise<Record<string, number>> {
  const results: Record<string, number> = { jobs: JOBS };

  const dir = mkdtempSync(join(tmpdir(), 'samizdat-jobs-bench-'));
  const sqlite = await connect({ url: join(dir, 'bench.sqlite') });
  try {
    await initialMigration(sqlite.kysely, 'sqlite');
    Object.assign(results, flatten('embeddedSqliteC2', await measure(sqlite, 'embedded', 2)));
    Object.assign(results, flatten('embeddedSqliteC10', await measure(sqlite, 'embedded', 10)));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) return results;
  const schema = `bench_jobs_${randomBytes(4).toString('hex')}`;
  const postgres = await connect({ url, schema });
  try {
    // The migration itself rather than the migrator: only the jobs tables matter here.
    await initialMigration(postgres.kysely, 'postgres');
    Object.assign(results, flatten('embeddedPostgresC2', await measure(postgres, 'embedded', 2)));
    Object.assign(results, flatten('embeddedPostgresC10', await measure(postgres, 'embedded', 10)));
    Object.assign(results, flatten('graphileC2', await measure(postgres, 'graphile', 2)));
    Object.assign(results, flatten('graphileC10', await measure(postgres, 'graphile', 10)));
  } finally {
    await postgres.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
    await client.end();
  }
  return results;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchJobs());
}
