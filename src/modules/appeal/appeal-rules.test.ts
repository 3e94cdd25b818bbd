import { describe, expect, it } from 'vitest';
import {
  appealsVisible,
  countView,
  DAY_MS,
  EMPTY_MEMORY,
  markShown,
  markSupporter,
  parseMemory,
  pickVariant,
  shouldOpenDialog,
  snooze,
  type AppealPolicy,
} from './appeal-rules.ts';

const policy: AppealPolicy = {
  viewsBeforeDialog: 3,
  capDays: 2,
  snoozeDays: 7,
  excludedSections: ['obituaries'],
};
const article: { article: boolean; section: string | null } = { article: true, section: 'news' };
const T0 = Date.UTC(2026, 10, 30, 12);

/** Reads `n` articles from an empty memory. */
function afterViews(n: number, page = article) {
  let m = EMPTY_MEMORY;
  for (let i = 0; i < n; i++) m = countView(m, page);
  return m;
}

describe('appeal rules', () => {
  it('opens on the Nth article view, not before', () => {
    expect(shouldOpenDialog(policy, afterViews(1), article, T0)).toBe(false);
    expect(shouldOpenDialog(policy, afterViews(2), article, T0)).toBe(false);
    expect(shouldOpenDialog(policy, afterViews(3), article, T0)).toBe(true);
  });

  it('counts article views only', () => {
    expect(afterViews(5, { article: false, section: null }).views).toBe(0);
    expect(shouldOpenDialog(policy, afterViews(5), { article: false, section: null }, T0)).toBe(false);
  });

  it('keeps the frequency cap', () => {
    const shown = markShown(afterViews(3), T0);
    expect(shouldOpenDialog(policy, countView(shown, article), article, T0 + DAY_MS)).toBe(false);
    expect(shouldOpenDialog(policy, countView(shown, article), article, T0 + 2 * DAY_MS)).toBe(true);
  });

  it('never opens for a supporter, nor shows the banner', () => {
    const m = markSupporter(afterViews(10));
    expect(shouldOpenDialog(policy, m, article, T0)).toBe(false);
    expect(appealsVisible(m, T0)).toBe(false);
  });

  it('never opens in an excluded section', () => {
    const page = { article: true, section: 'obituaries' };
    expect(shouldOpenDialog(policy, afterViews(5, page), page, T0)).toBe(false);
  });

  it('respects the snooze until it ends', () => {
    const m = snooze(policy, afterViews(3), T0);
    expect(appealsVisible(m, T0 + 6 * DAY_MS)).toBe(false);
    expect(shouldOpenDialog(policy, m, article, T0 + 7 * DAY_MS - 1)).toBe(false);
    expect(shouldOpenDialog(policy, m, article, T0 + 7 * DAY_MS)).toBe(true);
    expect(appealsVisible(m, T0 + 7 * DAY_MS)).toBe(true);
  });

  it('picks variants by weight and keeps the remembered one', () => {
    const variants = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 3 },
    ];
    expect(pickVariant(variants, null, 0)).toBe('a');
    expect(pickVariant(variants, null, 0.24)).toBe('a');
    expect(pickVariant(variants, null, 0.25)).toBe('b');
    expect(pickVariant(variants, null, 0.999)).toBe('b');
    expect(pickVariant(variants, 'a', 0.9)).toBe('a');
    expect(pickVariant(variants, 'gone', 0)).toBe('a');
    expect(pickVariant([], null, 0.5)).toBeNull();
  });

  it('forgets malformed memory', () => {
    expect(parseMemory('{nope')).toEqual(EMPTY_MEMORY);
    expect(parseMemory('{"views":"9","supporter":"yes","snoozedUntil":1}')).toEqual({
      ...EMPTY_MEMORY,
      snoozedUntil: 1,
    });
  });
});
