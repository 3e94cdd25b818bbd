import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import type { DialectName } from './dialect.ts';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL connection string (for graphile-worker), undefined on SQLite. */
  url: string | undefined;
  /** PostgreSQL schema holding our tables (tests use one per run). */
  schema: string | undefined;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `postgres://...` or a SQLite file path (":memory:" allowed). */
  url: string;
  /** PostgreSQL only: put every table in this schema (created when missing). */
  schema?: string;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function connect(options: ConnectOptions): Promise<Db> {
  if (isPostgresUrl(options.url)) return connectPostgres(options.url, options.schema);
  return connectSqlite(options.url);
}

function connectSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  });
  return {
    kysely,
    dialect: 'sqlite',
    url: undefined,
    schema: undefined,
    close: () => kysely.destroy(),
  };
}

/** Prepared statements kept, least recently used dropped first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite driver sees it, with its prepared statements kept by SQL text.
 * The driver prepares every query anew, and preparing costs as much as running a short one: it
 * was an eighth of an import's time. A statement still being iterated (a streamed select) is
 * busy, so the same text meanwhile gets a fresh one.
 */
function withStatementCache(database: SQLite.Database): Pick<SQLite.Database, 'prepare' | 'close'> {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept?.busy) return database.prepare(sql);
      if (kept) {
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const fresh = database.prepare(sql);
      statements.set(sql, fresh);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return fresh;
    },
    close() {
      statements.clear();
      return database.close();
    },
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}

async function connectPostgres(url: string, schema: string | undefined): Promise<Db> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  }
  // The driver is loaded only by a process that uses PostgreSQL.
  const { default: pg } = await import('pg');
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Fail now, with the driver's message, rather than on the first query.
  const probe = await pool.connect();
  probe.release();
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', url, schema, close: () => kysely.destroy() };
}
