import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Database } from './schema.ts';
import type { Db } from './connect.ts';
import { migrations } from './migrations/index.ts';

function migrator(db: Db): Migrator {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of migrations) out[m.name] = { up: (k) => m.up(k, db.dialect) };
      return out;
    },
  };
  // On PostgreSQL the bookkeeping tables live in our schema: Kysely otherwise looks for them in
  // every schema on the search path, and two databases in one server would see each other's.
  if (!db.schema) return new Migrator({ db: db.kysely, provider });
  return new Migrator({
    db: scopedIntrospection(db.kysely, db.schema),
    provider,
    migrationTableSchema: db.schema,
  });
}

/**
 * Kysely's migrator asks the introspector for every table in every schema just to learn whether
 * its own bookkeeping table exists, and PostgreSQL's introspection query fails ("schema does not
 * exist") when another schema is dropped while it runs (parallel test runs on one server do this
 * all day). Answer those two questions from our schema alone.
 */
function scopedIntrospection(kysely: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(kysely);
      return rows;
    },
    async getTables() {
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(
        kysely,
      );
      return rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(kysely, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Bring the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations known to the code but not yet run on this database. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
