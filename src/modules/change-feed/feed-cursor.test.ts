import { describe, expect, it } from 'vitest';
import { advanceCursor, startCursor, type FeedCursor } from './feed-cursor.ts';

const GRACE = 10_000;

describe('the change feed cursor', () => {
  it('moves over an unbroken run of ids and reports each id once', () => {
    let cursor = startCursor(4);
    const first = advanceCursor(cursor, [5, 6, 7], 0, GRACE);
    expect(first.fresh).toEqual([5, 6, 7]);
    expect(first.cursor).toEqual({ after: 7, seen: new Set(), gapSince: undefined });
    cursor = first.cursor;
    expect(advanceCursor(cursor, [], 100, GRACE).cursor.after).toBe(7);
    expect(advanceCursor(cursor, [8], 100, GRACE).fresh).toEqual([8]);
  });

  it('delivers rows above a gap at once but holds the cursor until the gap fills', () => {
    // 6 was taken by a transaction that has not committed yet; 7 has.
    const held = advanceCursor(startCursor(5), [7], 1_000, GRACE);
    expect(held.fresh).toEqual([7]);
    expect(held.cursor.after).toBe(5);
    expect(held.cursor.gapSince).toBe(1_000);
    // The next poll reads from 5 again: 7 is not delivered twice, 6 is delivered when it lands.
    const again = advanceCursor(held.cursor, [7], 1_250, GRACE);
    expect(again.fresh).toEqual([]);
    expect(again.cursor.gapSince).toBe(1_000);
    const filled = advanceCursor(again.cursor, [6, 7, 8], 1_500, GRACE);
    expect(filled.fresh).toEqual([6, 8]);
    expect(filled.cursor).toEqual({ after: 8, seen: new Set(), gapSince: undefined });
  });

  it('gives up on a gap that stays open for the grace period', () => {
    // A rolled-back insert: 6 never commits.
    let cursor: FeedCursor = advanceCursor(startCursor(5), [7, 8], 0, GRACE).cursor;
    cursor = advanceCursor(cursor, [7, 8], GRACE - 1, GRACE).cursor;
    expect(cursor.after).toBe(5);
    const past = advanceCursor(cursor, [7, 8, 9], GRACE, GRACE);
    expect(past.fresh).toEqual([9]);
    expect(past.cursor).toEqual({ after: 9, seen: new Set(), gapSince: undefined });
  });

  it('times a second gap from when the cursor reached it', () => {
    // Gaps at 6 and at 9; 6 fills late, so the gap at 9 starts its own grace period then.
    let step = advanceCursor(startCursor(5), [7, 8, 10], 0, GRACE);
    expect(step.cursor.gapSince).toBe(0);
    step = advanceCursor(step.cursor, [6, 7, 8, 10], 9_000, GRACE);
    expect(step.fresh).toEqual([6]);
    expect(step.cursor).toMatchObject({ after: 8, gapSince: 9_000 });
    expect([...step.cursor.seen]).toEqual([10]);
    expect(advanceCursor(step.cursor, [10], 12_000, GRACE).cursor.after).toBe(8);
    expect(advanceCursor(step.cursor, [10], 19_000, GRACE).cursor.after).toBe(10);
  });

  it('ignores ids at or below the cursor (a stale read)', () => {
    const step = advanceCursor(startCursor(10), [9, 10, 11], 0, GRACE);
    expect(step.fresh).toEqual([11]);
    expect(step.cursor.after).toBe(11);
  });
});
