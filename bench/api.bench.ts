// Admin API article creations per second and Content API list requests per second, against the
// real server on 127.0.0.1 (SQLite, and PostgreSQL when a URL is set), plus migrations from empty.
// Run alone with `npx tsx bench/api.bench.ts`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/load-config.ts';
import { createServices } from '../src/web/services.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/web/server.ts';
import { benchDb, benchPostgresUrl, round } from './support.ts';

const CREATIONS = Number(process.env.BENCH_CREATIONS ?? 2000);
const CONCURRENCY = 8;

async function benchOne(dialect: 'sqlite' | 'postgres'): Promise<Record<string, number>> {
  const { db, drop } = await benchDb(dialect);
  const t0 = performance.now();
  await migrateToLatest(db);
  const migrateMs = performance.now() - t0;
  const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-api-'));
  const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: dataDir });
  const services = await createServices(config, { db, migrate: false });
  const app = await buildServer(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { key } = await services.apiKeys.create({ name: 'bench', role: 'owner' });
  const body = '<p>' + 'The council met behind closed doors again on Tuesday. '.repeat(40) + '</p>';

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CREATIONS) {
        const n = next++;
        const res = await fetch(`${base}/api/admin/v1/articles`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Council budget story ${n}`, body_html: body, status: 'published' }),
        });
        if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      }
    }),
  );
  const createsPerSec = CREATIONS / ((performance.now() - started) / 1000);

  const list = await autocannon({
    url: `${base}/api/content/v1/articles?limit=15`,
    connections: 16,
    duration: 8,
  });
  await app.close();
  await services.close();
  await drop();
  return {
    [`${dialect}.migrationsFromEmptyMs`]: round(migrateMs),
    [`${dialect}.adminCreatesPerSec`]: round(createsPerSec),
    [`${dialect}.contentListReqPerSec`]: round(list.requests.average),
    [`${dialect}.contentListP99Ms`]: list.latency.p99,
    [`${dialect}.contentListErrors`]: list.errors + list.non2xx,
  };
}

export async function benchApi(): Promise<Record<string, number>> {
  const out = await benchOne('sqlite');
  if (benchPostgresUrl) Object.assign(out, await benchOne('postgres'));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchApi());
}
