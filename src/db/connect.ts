import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
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

/** Distinct SQL texts whose prepared statements are kept (a query with `in (?, ?)` is one per length). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The database as Kysely sees it, with prepared statements reused. Kysely prepares every query
 * afresh, which was 4-8% of an uncached page render (a page runs 20-60 queries). Reuse is safe:
 * Kysely runs one query at a time on its single SQLite connection, so no statement is ever asked
 * to run while it is still iterating. Least recently used statements go first.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

async function connectPostgres(url: string, schema: string | undefined): Promise<Db> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  }
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
