import { describe, expect, it } from 'vitest';
import { assembleIssue, editItems, type Candidate } from './assemble-issue.ts';

const c = (
  id: string,
  publishedAt: string,
  sectionId: string | null,
  sectionOrder: number | null,
): Candidate => ({
  id,
  publishedAt,
  sectionId,
  sectionOrder,
});

describe('assembleIssue', () => {
  const candidates = [
    c('world-old', '2026-12-01T10:00:00Z', 'world', 2),
    c('politics-new', '2026-12-03T10:00:00Z', 'politics', 1),
    c('world-new', '2026-12-03T12:00:00Z', 'world', 2),
    c('loose', '2026-12-04T08:00:00Z', null, null),
    c('politics-old', '2026-12-02T10:00:00Z', 'politics', 1),
    c('hidden-section', '2026-12-02T11:00:00Z', 'archive', null),
    c('featured', '2026-11-30T10:00:00Z', 'world', 2),
  ];

  it("puts the editors' picks first, then sections in navigation order, newest first, loose articles last", () => {
    expect(assembleIssue({ candidates, picks: ['featured', 'loose'], limit: 30 })).toEqual([
      'featured',
      'loose',
      'politics-new',
      'politics-old',
      'world-new',
      'world-old',
      'hidden-section',
    ]);
  });

  it('ignores picks that were not published in the period, and repeats none', () => {
    const ids = assembleIssue({ candidates, picks: ['gone', 'world-old', 'world-old'], limit: 30 });
    expect(ids[0]).toBe('world-old');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('gone');
  });

  it('keeps to the limit and copes with an empty week', () => {
    expect(assembleIssue({ candidates, picks: [], limit: 2 })).toEqual(['politics-new', 'politics-old']);
    expect(assembleIssue({ candidates: [], picks: ['x'], limit: 30 })).toEqual([]);
  });
});

describe('editItems', () => {
  it('removes, adds once and reorders', () => {
    expect(editItems(['a', 'b', 'c'], { remove: ['b'], add: ['d', 'a', 'd'] })).toEqual(['a', 'c', 'd']);
    expect(editItems(['a', 'b', 'c'], { order: ['c', 'a', 'b'] })).toEqual(['c', 'a', 'b']);
    // A partial order moves those to the front; unknown ids in it are ignored.
    expect(editItems(['a', 'b', 'c'], { order: ['c', 'zz'] })).toEqual(['c', 'a', 'b']);
  });
});
