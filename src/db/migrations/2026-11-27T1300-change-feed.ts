import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The change feed (modules/change-feed): every process appends the cache dependencies a change
// touched, and every process polls for the others' rows. Readers keep a cursor on `id`, so ids
// must never be reused: on SQLite that takes AUTOINCREMENT, since a plain INTEGER PRIMARY KEY hands
// out max(id) + 1 again once pruning has emptied the table. PostgreSQL's bigserial never repeats.
// Re-runnable: IF NOT EXISTS throughout.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('change_feed')
    .ifNotExists()
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('deps', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Pruning deletes by age.
  await db.schema
    .createIndex('change_feed_created_at')
    .ifNotExists()
    .on('change_feed')
    .column('created_at')
    .execute();
}
