import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

// The change_feed table. PostgreSQL returns bigint ids (and max()) as strings: every id read here
// goes through Number(), which is exact far beyond any id this table will reach.

export interface ChangeRow {
  id: number;
  origin: string;
  /** JSON text as stored: parse it before trusting it. */
  deps: string;
}

export async function insertChange(
  db: Kysely<Database>,
  row: { origin: string; deps: readonly string[]; createdAt: string },
): Promise<void> {
  await db
    .insertInto('change_feed')
    .values({ origin: row.origin, deps: JSON.stringify(row.deps), created_at: row.createdAt })
    .execute();
}

/** The highest id written so far (0 when the table is empty). */
export async function latestChangeId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('change_feed')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Rows after `afterId`, oldest first. */
export async function changesAfter(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<ChangeRow[]> {
  const rows = await db
    .selectFrom('change_feed')
    .select(['id', 'origin', 'deps'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), origin: r.origin, deps: r.deps }));
}

/** Delete rows created before `before` (ISO); returns how many went. */
export async function pruneChanges(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('change_feed').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
