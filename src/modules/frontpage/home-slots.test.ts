import { describe, expect, it } from 'vitest';
import { assignHomeSlots, type Story } from './home-slots.ts';

const s = (...ids: string[]): Story[] => ids.map((id) => ({ id }));
const ids = (stories: Story[]) => stories.map((x) => x.id);
const sizes = { latest: 3, rail: 2, otherLanguages: 2 };

describe('assignHomeSlots', () => {
  it('leads with the newest story when nothing is pinned, and does not repeat it in the stream', () => {
    const slots = assignHomeSlots({
      lead: null,
      featured: [],
      latest: s('a', 'b', 'c', 'd', 'e'),
      rails: [],
      otherLanguages: [],
      sizes,
    });
    expect(slots.lead?.id).toBe('a');
    expect(ids(slots.latest)).toEqual(['b', 'c', 'd']);
  });

  it('puts the pinned lead and featured stories first, in the editors order, and skips them below', () => {
    const slots = assignHomeSlots({
      lead: { id: 'c' },
      featured: s('e', 'a'),
      latest: s('a', 'b', 'c', 'd', 'e', 'f'),
      rails: [],
      otherLanguages: [],
      sizes,
    });
    expect(slots.lead?.id).toBe('c');
    expect(ids(slots.featured)).toEqual(['e', 'a']);
    expect(ids(slots.latest)).toEqual(['b', 'd', 'f']);
  });

  it('fills each rail from further candidates when its first ones are already on the page', () => {
    const slots = assignHomeSlots({
      lead: null,
      featured: [],
      latest: s('a', 'b', 'c', 'd'),
      rails: [s('b', 'x', 'c', 'y', 'z'), s('x', 'y', 'w', 'v')],
      otherLanguages: [],
      sizes,
    });
    expect(ids(slots.rails[0]!)).toEqual(['x', 'y']);
    // The second rail's first two went to the first rail.
    expect(ids(slots.rails[1]!)).toEqual(['w', 'v']);
  });

  it('gives a rail short of unplaced candidates what it has, possibly nothing', () => {
    const slots = assignHomeSlots({
      lead: null,
      featured: [],
      latest: s('a', 'b', 'c', 'd'),
      rails: [s('a', 'b', 'q'), s('c', 'd')],
      otherLanguages: [],
      sizes,
    });
    expect(ids(slots.rails[0]!)).toEqual(['q']);
    expect(slots.rails[1]).toEqual([]);
  });

  it('never places a story twice anywhere on the page', () => {
    const pool = s('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    const slots = assignHomeSlots({
      lead: { id: 'h' },
      featured: s('g', 'g', 'h', 'a'),
      latest: pool,
      rails: [pool, [...pool].reverse(), pool],
      otherLanguages: pool,
      sizes,
    });
    const all = [
      slots.lead!,
      ...slots.featured,
      ...slots.latest,
      ...slots.rails.flat(),
      ...slots.otherLanguages,
    ];
    expect(new Set(ids(all)).size).toBe(all.length);
    expect(all.length).toBe(8);
    expect(ids(slots.featured)).toEqual(['g', 'a']);
  });

  it('has no lead on an empty site', () => {
    const slots = assignHomeSlots({
      lead: null,
      featured: [],
      latest: [],
      rails: [[]],
      otherLanguages: [],
      sizes,
    });
    expect(slots).toEqual({ lead: null, featured: [], latest: [], rails: [[]], otherLanguages: [] });
  });
});
