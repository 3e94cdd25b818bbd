import type { Db } from '../../db/connect.ts';

/** A row of the change feed, named by its id and creation time (ids alone can be reused). */
export interface FeedPosition {
  id: number;
  createdAt: string;
}

export interface ChangesSince {
  /**
   * false when the rows after `after` cannot all be read: its row was pruned (older than the
   * retention), or the feed restarted. The caller must then assume everything changed.
   */
  complete: boolean;
  /** Every dependency named after `after`, deduplicated. */
  deps: string[];
  /** The newest row now (null when the feed is empty): the next `after`. */
  latest: FeedPosition | null;
}

/**
 * What changed since `after`, for readers that are not processes of the site (the mirror export):
 * the same names the page cache is invalidated by. Reads every row after it, oldest first.
 */
export async function changesSince(db: Db, after: FeedPosition | null): Promise<ChangesSince> {
  const k = db.kysely;
  const newest = await k
    .selectFrom('change_feed')
    .select(['id', 'created_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const latest = newest ? { id: Number(newest.id), createdAt: newest.created_at } : null;
  if (!after) return { complete: false, deps: [], latest };
  const anchor = await k
    .selectFrom('change_feed')
    .select('created_at')
    .where('id', '=', after.id)
    .executeTakeFirst();
  if (!anchor || anchor.created_at !== after.createdAt) {
    // Its row was pruned. Nothing after it was, if the oldest row left comes right after it and
    // no row at or below its id is newer than it (SQLite reuses ids once the table empties).
    const oldest = await k.selectFrom('change_feed').select('id').orderBy('id').limit(1).executeTakeFirst();
    const reused = await k
      .selectFrom('change_feed')
      .select('id')
      .where('id', '<=', after.id)
      .where('created_at', '>', after.createdAt)
      .limit(1)
      .executeTakeFirst();
    if (!oldest || Number(oldest.id) > after.id + 1 || reused) return { complete: false, deps: [], latest };
  }
  const rows = await k
    .selectFrom('change_feed')
    .select('deps')
    .where('id', '>', after.id)
    .orderBy('id')
    .execute();
  const deps = new Set<string>();
  for (const row of rows) {
    try {
      for (const dep of JSON.parse(row.deps) as unknown[]) if (typeof dep === 'string') deps.add(dep);
    } catch {
      return { complete: false, deps: [], latest };
    }
  }
  return { complete: true, deps: [...deps].sort(), latest };
}
