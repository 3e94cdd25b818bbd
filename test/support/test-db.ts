import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import { removeTempDir, tempDir } from './temp-dir.ts';

/**
 * The databases every storage test runs against: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Use with `describe.each(testDatabases)`.
 */
export const testDatabases: DialectName[] = process.env.TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/**
 * Kysely's migrator asks whether its bookkeeping table exists by introspecting every schema of the
 * database, naming each table as text; a schema another test file drops meanwhile makes that query
 * fail ('schema "t_…" does not exist'). Test files run in parallel, so migrating holds this
 * advisory lock shared and dropping holds it alone. Only the test database needs it: production
 * does not drop schemas under a running server.
 */
const SCHEMA_LOCK = 0x5a3d_7e57;

/** Runs `fn` holding the schema lock (shared: several may migrate at once; exclusive: a drop). */
export async function withSchemaLock<T>(mode: 'shared' | 'exclusive', fn: () => Promise<T>): Promise<T> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return fn();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      mode === 'shared' ? 'SELECT pg_advisory_lock_shared($1)' : 'SELECT pg_advisory_lock($1)',
      [SCHEMA_LOCK],
    );
    return await fn();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

/**
 * Migrates under the shared lock. Suites of other checkouts may share the test server without
 * the lock (or a lock-less older copy of this file), so a failure naming another test's vanished
 * schema (SQLSTATE 3F000) is retried: nothing ran before the migrator's existence check failed.
 */
export async function migrateLocked(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withSchemaLock('shared', () => migrateToLatest(db));
      return;
    } catch (err) {
      const { code, message } = err as { code?: string; message?: string };
      const otherSchemaGone = code === '3F000' && !String(message).includes(`"${db.schema}"`);
      if (!otherSchemaGone || attempt === 3) throw err;
    }
  }
}

export interface TestDb extends Db {
  /** Drop everything this test database created. */
  destroy(): Promise<void>;
}

/** Drops what a test database holds: its SQLite folder, or its PostgreSQL schemas. */
function dropper(where: { dir: string } | { schema: string }): () => Promise<void> {
  if ('dir' in where) return async () => removeTempDir(where.dir);
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return () =>
    withSchemaLock('exclusive', async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${where.schema} CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS ${where.schema}_jobs CASCADE`);
      await client.end();
    });
}

/** A connected database this test owns: destroy() closes it and drops what it holds. */
export async function adoptTestDb(
  _dialect: DialectName,
  db: Db,
  where: { dir: string } | { schema: string },
): Promise<TestDb> {
  const drop = dropper(where);
  return {
    ...db,
    async destroy() {
      await db.close();
      await drop();
    },
  };
}

/** A fresh, migrated database: a temp SQLite file, or a new schema in the test PostgreSQL. */
export async function openTestDb(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDb> {
  let db: Db;
  let where: { dir: string } | { schema: string };
  if (dialect === 'sqlite') {
    const dir = tempDir('db');
    db = await connect({ url: join(dir, 'test.sqlite') });
    where = { dir };
  } else {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    db = await connect({ url, schema });
    where = { schema };
  }
  const testDb = await adoptTestDb(dialect, db, where);
  if (options.migrate !== false) {
    try {
      await (dialect === 'postgres' ? migrateLocked(db) : migrateToLatest(db));
    } catch (err) {
      await testDb.destroy();
      throw err;
    }
  }
  return testDb;
}
