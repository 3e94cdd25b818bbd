import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// What an author's page may show beyond the byline and bio: a portrait (one of our own media
// items), a role ("Economics editor") and how to reach the author safely: a Signal username and a
// PGP key fingerprint (40 hex digits, stored without spaces). All optional: a pen name shows none
// of them unless the newsroom sets them. Re-runnable: each column is added only if missing.
const COLUMNS: Array<[name: string, type: 'text', notNullDefault?: string]> = [
  ['portrait_media_id', 'text'],
  ['role', 'text', ''],
  ['signal_username', 'text'],
  ['pgp_fingerprint', 'text'],
];

async function columnsOf(db: Kysely<unknown>, dialect: DialectName): Promise<Set<string>> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'authors'`.execute(db);
    return new Set(rows.map((r) => r.name));
  }
  const { rows } = await sql<{ name: string }>`PRAGMA table_info(authors)`.execute(db);
  return new Set(rows.map((r) => r.name));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const existing = await columnsOf(db, dialect);
  for (const [name, type, notNullDefault] of COLUMNS) {
    if (existing.has(name)) continue;
    await db.schema
      .alterTable('authors')
      .addColumn(name, type, (c) =>
        notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault),
      )
      .execute();
  }
}
