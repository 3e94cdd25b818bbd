/**
 * Where a reader of the change feed stands. Ids come from a sequence, but on PostgreSQL a row can
 * commit after one with a higher id (two processes insert at once; the first commits last), so
 * "everything after the highest id seen" could skip it. The cursor therefore only moves over an
 * unbroken run of ids. Rows above a gap are delivered at once and remembered in `seen`; the gap
 * holds the cursor until it fills or has stayed open for the grace period (ids that never commit,
 * from a rolled-back insert or a sequence cache lost in a crash, leave permanent gaps).
 */
export interface FeedCursor {
  /** Every row with an id up to this one has been handled. */
  readonly after: number;
  /** Rows above `after` already handled, waiting for the gap below them. */
  readonly seen: ReadonlySet<number>;
  /** When the gap at `after + 1` was first noticed (ms on a monotonic clock). */
  readonly gapSince: number | undefined;
}

export function startCursor(after: number): FeedCursor {
  return { after, seen: new Set(), gapSince: undefined };
}

/**
 * Take in the ids a poll read (ids above `cursor.after`, ascending). Returns the ones not handled
 * before, and the cursor to read from next.
 */
export function advanceCursor(
  cursor: FeedCursor,
  ids: readonly number[],
  nowMs: number,
  graceMs: number,
): { cursor: FeedCursor; fresh: number[] } {
  const fresh = ids.filter((id) => id > cursor.after && !cursor.seen.has(id));
  const seen = new Set([...cursor.seen, ...fresh]);
  let after = cursor.after;
  const closeUp = () => {
    while (seen.delete(after + 1)) after++;
  };
  closeUp();
  let gapSince = cursor.gapSince;
  if (seen.size === 0) {
    gapSince = undefined;
  } else if (after !== cursor.after || gapSince === undefined) {
    gapSince = nowMs; // a gap the cursor has just reached
  } else if (nowMs - gapSince >= graceMs) {
    // Give up on the missing ids: move on to the lowest row above them.
    after = Math.min(...seen) - 1;
    closeUp();
    gapSince = seen.size === 0 ? undefined : nowMs;
  }
  return { cursor: { after, seen, gapSince }, fresh };
}
