import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';

// What a database holds, as text, to prove something is NOT in it: every row of every table
// (PostgreSQL: the app's schema and its job queue's), and for SQLite also the raw bytes of its
// files (database, WAL), which hold what a row-by-row read cannot show (freed pages, old frames).

/** Every table's rows as JSON text, by table name. */
export async function tableTexts(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (db.dialect === 'sqlite') {
    const tables = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db.kysely);
    for (const { name } of tables.rows) {
      const rows = await sql`SELECT * FROM ${sql.table(name)}`.execute(db.kysely);
      out.set(name, JSON.stringify(rows.rows));
    }
    return out;
  }
  const schemas = [db.schema!, `${db.schema!}_jobs`];
  const tables = await sql<{ table_schema: string; table_name: string }>`
    SELECT table_schema, table_name FROM information_schema.tables
    WHERE table_schema IN (${sql.join(schemas)}) AND table_type = 'BASE TABLE'`.execute(db.kysely);
  for (const t of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT row_to_json(x)::text AS row FROM ${sql.table(
      `${t.table_schema}.${t.table_name}`,
    )} x`.execute(db.kysely);
    out.set(
      `${t.table_schema === db.schema ? '' : `${t.table_schema}.`}${t.table_name}`,
      rows.rows.map((r) => r.row).join('\n'),
    );
  }
  return out;
}

/** The tables whose rows contain `needle` (case-insensitive). */
export async function tablesContaining(db: Db, needle: string): Promise<string[]> {
  const lower = needle.toLowerCase();
  return [...(await tableTexts(db))].filter(([, text]) => text.toLowerCase().includes(lower)).map(([n]) => n);
}

/** SQLite only: the files of the database (main file, WAL, journal) that contain `needle` in their bytes. */
export async function sqliteFilesContaining(
  db: Db,
  needle: string,
): Promise<{ checked: number; found: string[] }> {
  const list = await sql<{ file: string }>`PRAGMA database_list`.execute(db.kysely);
  const main = list.rows.find((r) => r.file)!.file;
  const dir = dirname(main);
  const lower = needle.toLowerCase();
  const found: string[] = [];
  let checked = 0;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    checked++;
    if (readFileSync(file).toString('latin1').toLowerCase().includes(lower)) found.push(name);
  }
  return { checked, found };
}
