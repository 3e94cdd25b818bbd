import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Db } from '../src/db/connect.ts';

/** PostgreSQL for benchmarks, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. */
export const benchPostgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export async function benchDb(
  dialect: 'sqlite' | 'postgres',
): Promise<{ db: Db; url: string; schema: string | null; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'samizdat-bench-'));
    const url = join(dir, 'bench.sqlite');
    const db = await connect({ url });
    return {
      db,
      url,
      schema: null,
      async drop() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!benchPostgresUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db = await connect({ url: benchPostgresUrl, schema });
  return {
    db,
    url: benchPostgresUrl,
    schema,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: benchPostgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
      await client.end();
    },
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
