import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// media.sha256 held the SHA-256 of each photo as uploaded, before its metadata was stripped:
// whoever holds the database could prove that a given file from a source's phone was uploaded.
// The values are overwritten before the column goes, so they do not linger in the table's old
// rows; on SQLite secure_delete zeroes the freed pages and the write-ahead log is emptied. (On PostgreSQL the overwritten row
// versions stay on disk until VACUUM reclaims them; the README says to run VACUUM FULL media.)
// Re-runnable: nothing happens once the column is gone.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.columns
      where table_schema = current_schema() and table_name = 'media' and column_name = 'sha256'`.execute(db);
    if (!rows[0]?.n) return;
    await sql`update media set sha256 = ''`.execute(db);
    await sql`alter table media drop column if exists sha256`.execute(db);
    return;
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info('media')`.execute(db);
  if (!rows.some((r) => r.name === 'sha256')) return;
  const { rows: before } = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(db);
  await sql`pragma secure_delete = on`.execute(db);
  try {
    await sql`update media set sha256 = ''`.execute(db);
    await sql`alter table media drop column sha256`.execute(db);
    // The write-ahead log still holds the pages as they were: copy the new ones into the file
    // and empty the log.
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  } finally {
    await sql.raw(`pragma secure_delete = ${before[0]?.secure_delete ? 'on' : 'off'}`).execute(db);
  }
}
