// The newsletter's Admin API at scale (issue 11: "a list of 1,000,000 subscribers ... the counts
// in the API stay fast"). `npm run bench -- subscribers`; BENCH_SUBSCRIBERS (default 1,000,000),
// BENCH_SUBSCRIBERS_DATABASES=sqlite|postgres for one. Subscribers are written straight into a
// fresh database by one SQL statement per table (the database counts, not our code: this
// measures reading them), 90% confirmed, 7% pending, 3% suppressed, everyone on the weekly list
// and a third on breaking news too, each with a sealed address (one sealed value for all: the
// reads open it as they would any other) and a distinct keyed hash. Then, through real HTTP with
// an owner's API key, the median of BENCH_SUBSCRIBER_RUNS (default 15) after one warm-up of:
// the counts, the first page of the list, the first page of one list's subscribers, the 20th page
// by cursor, and one address looked up by its keyed hash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { buildServer } from '../src/web/server.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { lookupHash, seal } from '../src/crypto/sealed-box.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';

const COUNT = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_SUBSCRIBER_RUNS ?? 15);
const PROBE = Math.min(123_457, Math.floor(COUNT / 2) + 1);

const log = (line: string) => console.error(`[subscribers] ${line}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Seeds `COUNT` subscribers and their subscriptions; returns the seconds it took. */
async function seed(
  db: Awaited<ReturnType<typeof benchDb>>['db'],
  dialect: 'sqlite' | 'postgres',
  sealed: string,
  hashOf: (n: number) => string,
): Promise<number> {
  const started = performance.now();
  const k = db.kysely;
  // The probe's hash is the real keyed hash of its address; the others only need to be distinct.
  const at = '2026-11-01T09:00:00.000Z';
  if (dialect === 'postgres') {
    await sql`INSERT INTO subscribers (id, email_sealed, email_hash, name_sealed, language, status,
        suppressed_reason, suppressed_detail, suppressed_at, soft_bounces, link_version, created_at,
        confirmed_at, confirm_expires_at, updated_at)
      SELECT lpad(to_hex(i), 8, '0') || '-0000-4000-8000-000000000000', ${sealed},
        CASE WHEN i = ${PROBE} THEN ${hashOf(PROBE)} ELSE md5('bench' || i) END, NULL, 'en',
        CASE WHEN i % 100 < 90 THEN 'confirmed' WHEN i % 100 < 97 THEN 'pending' ELSE 'suppressed' END,
        NULL, NULL, NULL, 0, 1,
        to_char(timestamp '2020-01-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
        NULL, NULL, ${at}
      FROM generate_series(1, ${COUNT}) AS i`.execute(k);
  } else {
    await sql`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${COUNT})
      INSERT INTO subscribers (id, email_sealed, email_hash, name_sealed, language, status,
        suppressed_reason, suppressed_detail, suppressed_at, soft_bounces, link_version, created_at,
        confirmed_at, confirm_expires_at, updated_at)
      SELECT printf('%08x-0000-4000-8000-000000000000', i), ${sealed},
        CASE WHEN i = ${PROBE} THEN ${hashOf(PROBE)} ELSE printf('bench%064d', i) END, NULL, 'en',
        CASE WHEN i % 100 < 90 THEN 'confirmed' WHEN i % 100 < 97 THEN 'pending' ELSE 'suppressed' END,
        NULL, NULL, NULL, 0, 1,
        strftime('%Y-%m-%dT%H:%M:%S.000Z', '2020-01-01', '+' || i || ' minutes'),
        NULL, NULL, ${at}
      FROM seq`.execute(k);
  }
  const subscription = (list: string, every: number) => sql`INSERT INTO subscriptions
      (newsletter_id, subscriber_id, status, subscriber_status, created_at, updated_at)
    SELECT ${list}, id, CASE WHEN status = 'pending' THEN 'pending' ELSE 'active' END, status,
      created_at, updated_at
    FROM subscribers WHERE ${sql.raw(every === 1 ? 'TRUE' : `substr(id, 8, 1) IN ('0', '3', '6', '9', 'c', 'f')`)}`;
  await subscription('nl-weekly', 1).execute(k);
  await subscription('nl-breaking', 3).execute(k);
  // What autovacuum / `ANALYZE` would have done by the time a list is this big.
  if (dialect === 'postgres') await sql`VACUUM ANALYZE subscribers, subscriptions`.execute(k);
  else await sql`ANALYZE`.execute(k);
  return (performance.now() - started) / 1000;
}

async function benchOn(dialect: 'sqlite' | 'postgres'): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const { db, drop } = await benchDb(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-subscribers-'));
  try {
    await migrateToLatest(db);
    const config = loadConfig({
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'never' },
      cwd: dataDir,
    });
    const services = await createServices(config, { db, migrate: false, jobBackend: 'embedded' });
    const probe = 'probe.reader@bench-newsroom.org';
    const seconds = await seed(db, dialect, seal(services.keys.encryption, probe), () =>
      lookupHash(services.keys.hashing, probe),
    );
    out[`${dialect}.seedSeconds`] = round(seconds);
    log(`${dialect}: ${COUNT} subscribers seeded in ${round(seconds)} s`);
    const app = await buildServer(services, { admin: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/admin/v1`;
    const { key } = await services.apiKeys.create({ name: 'bench owner', role: 'owner' });
    const get = async (path: string) => {
      const started = performance.now();
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${key}` } });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    try {
      // The first read after the seed folds every change the triggers appended (two per row).
      const firstRead = await get('/subscribers/counts');
      out[`${dialect}.countsFirstReadMs`] = round(firstRead.ms);
      log(`${dialect}: first counts read (folding the seed's changes): ${round(firstRead.ms)} ms`);
      const counts = firstRead.body as {
        subscribers: Record<string, number>;
        lists: Array<{ slug: string; recipients: number }>;
      };
      const total = Object.values(counts.subscribers).reduce((a, b) => a + b, 0);
      if (total !== COUNT) throw new Error(`counts say ${total} subscribers, expected ${COUNT}`);
      out[`${dialect}.subscribers`] = total;
      out[`${dialect}.weeklyRecipients`] = counts.lists.find((l) => l.slug === 'weekly')?.recipients ?? -1;
      // The 20th page: follow the cursor, then time that page's request alone.
      let cursor = '';
      for (let page = 1; page < 20; page++) {
        const next = (
          await get(`/subscribers?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        ).body as { next_cursor: string | null };
        cursor = next.next_cursor ?? '';
      }
      const cases: Array<[string, string]> = [
        ['countsMedianMs', '/subscribers/counts'],
        ['firstPageMedianMs', '/subscribers?limit=50'],
        ['listPageMedianMs', '/subscribers?limit=50&list=weekly'],
        ['confirmedPageMedianMs', '/subscribers?limit=50&status=confirmed'],
        ['page20MedianMs', `/subscribers?limit=50&cursor=${encodeURIComponent(cursor)}`],
        ['byAddressMedianMs', `/subscribers?email=${encodeURIComponent(probe)}`],
      ];
      for (const [name, path] of cases) {
        await get(path);
        const times: number[] = [];
        for (let run = 0; run < RUNS; run++) times.push((await get(path)).ms);
        out[`${dialect}.${name}`] = round(median(times), 2);
        log(`${dialect}: GET ${path.slice(0, 60)}: median ${round(median(times), 2)} ms`);
      }
      const found = (await get(`/subscribers?email=${encodeURIComponent(probe)}`)).body as {
        items: unknown[];
      };
      if (found.items.length !== 1)
        throw new Error(`the probe address was found ${found.items.length} times`);
      out[`${dialect}.loadAverage`] = round(loadavg()[0]!, 2);
    } finally {
      await app.close();
      await services.close();
    }
  } finally {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

export async function benchSubscribers(): Promise<Record<string, number>> {
  const wanted = process.env.BENCH_SUBSCRIBERS_DATABASES;
  const out: Record<string, number> = { subscribers: COUNT };
  if (!wanted || wanted === 'sqlite') Object.assign(out, await benchOn('sqlite'));
  if (!wanted || wanted === 'postgres') {
    if (!benchPostgresUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
    Object.assign(out, await benchOn('postgres'));
  }
  return out;
}
