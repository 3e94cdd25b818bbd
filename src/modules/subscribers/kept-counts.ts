import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { toCount } from '../../lib/count.ts';

/** Changes folded at once above which PostgreSQL's table of changes is vacuumed straight away. */
const VACUUM_AFTER = 10_000;

/** One kept count: `s:<status>` or `l:<newsletter id>:<status>:<subscriber status>`. */
export interface KeptCount {
  key: string;
  n: number;
}

/**
 * Folds the changes the triggers appended (migration 2026-12-02T0610) into the totals, then reads
 * the totals: a few rows, whatever the lists' size. On PostgreSQL the changes are taken with
 * `DELETE ... RETURNING`, so one written meanwhile stays for the next fold and two folds at once
 * never take the same change; SQLite has one writer at a time, so sum and delete run as one.
 * Idempotent; also run on a schedule so the changes never pile up between reads.
 */
export async function foldKeptCounts(db: Db): Promise<void> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{
      moved: number;
    }>`WITH taken AS (DELETE FROM subscriber_count_changes RETURNING key, d),
      folded AS (
        INSERT INTO subscriber_counts (key, n)
        SELECT key, sum(d) FROM taken GROUP BY key
        ON CONFLICT (key) DO UPDATE SET n = subscriber_counts.n + excluded.n
        RETURNING 1
      )
      SELECT count(*)::integer AS moved FROM taken`.execute(db.kysely);
    // After a big import the folded changes stay behind as dead rows that every later fold would
    // scan until autovacuum came by (400 ms a read after a million subscribers): clear them now.
    if ((rows[0]?.moved ?? 0) > VACUUM_AFTER) await sql`VACUUM subscriber_count_changes`.execute(db.kysely);
    return;
  }
  await db.kysely.transaction().execute(async (trx) => {
    await sql`INSERT INTO subscriber_counts (key, n)
      SELECT key, sum(d) FROM subscriber_count_changes WHERE true GROUP BY key
      ON CONFLICT (key) DO UPDATE SET n = subscriber_counts.n + excluded.n`.execute(trx);
    await sql`DELETE FROM subscriber_count_changes`.execute(trx);
  });
}

/** The totals after folding in every change so far, zero counts left out. */
export async function readKeptCounts(db: Db): Promise<KeptCount[]> {
  await foldKeptCounts(db);
  const rows = await db.kysely
    .selectFrom('subscriber_counts')
    .select(['key', 'n'])
    .where('n', '!=', 0)
    .execute();
  return rows.map((r) => ({ key: r.key, n: toCount(r.n) }));
}
