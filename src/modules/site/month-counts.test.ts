import { describe, expect, it } from 'vitest';
import { zonedYearMonth } from '../../i18n/index.ts';
import { countByMonth, countDaysByMonth, mergeMonths } from './month-counts.ts';

/** The definition: each instant's month asked of Intl one by one. */
function naive(instants: string[], timeZone: string) {
  const counts = new Map<string, { year: number; month: number; count: number }>();
  for (const instant of instants) {
    const { year, month } = zonedYearMonth(instant, timeZone);
    const key = `${year}-${month}`;
    const entry = counts.get(key) ?? { year, month, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

const ZONES = [
  'UTC',
  'Europe/Moscow',
  'America/New_York',
  'America/Santiago', // transitions at midnight
  'Asia/Kolkata',
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Pacific/Chatham', // +12:45
  'Pacific/Apia', // skipped 30 December 2011
  // Zones whose offset changed on a UTC day that also holds one of their month boundaries:
  'America/Havana',
  'Europe/Moscow',
  'Asia/Damascus',
  'America/Asuncion',
  'America/Sao_Paulo',
  'Africa/Casablanca',
];

/** Such days (found by scanning 1970-2030): their instants are counted one by one. */
const TRANSITION_DAYS = [
  '1990-04-01',
  '2001-04-01',
  '2012-04-01',
  '2015-11-01',
  '2020-11-01',
  '1981-03-31',
  '1981-09-30',
  '1970-04-30',
  '1972-10-01',
  '1998-03-01',
  '2020-05-31',
];

describe('countByMonth', () => {
  it('gives what asking each instant gives, around every month boundary and DST change', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants: string[] = [];
    // Every hour up to 14 hours either side of each UTC month start, 1995-2030.
    for (let year = 1995; year <= 2030; year++) {
      for (let month = 0; month < 12; month++) {
        const start = Date.UTC(year, month, 1);
        for (let q = -56; q <= 56; q += 4) instants.push(new Date(start + q * 15 * 60_000).toISOString());
      }
    }
    // And random instants from 1900 on (historic offsets, seconds included).
    for (let i = 0; i < 3_000; i++) {
      instants.push(new Date(Date.UTC(1900, 0, 1) + random() * 4.1e12).toISOString());
    }
    for (const day of TRANSITION_DAYS) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let m = 0; m < 24 * 60; m += 10) instants.push(new Date(start + m * 60_000).toISOString());
    }
    const byDay = new Map<string, string[]>();
    for (const instant of instants) {
      const day = instant.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), instant]);
    }
    const sorted = (months: Array<{ year: number; month: number }>) =>
      [...months].sort((a, b) => a.year - b.year || a.month - b.month);
    for (const zone of ZONES) {
      const expected = naive(instants, zone);
      expect(countByMonth(instants, zone), zone).toEqual(expected);
      // Counted per UTC day, the days a month begins on read instant by instant.
      const { months, split } = countDaysByMonth(
        [...byDay].map(([day, list]) => ({ day, count: list.length })),
        zone,
      );
      const rest = countByMonth(
        split.flatMap((day) => byDay.get(day)!),
        zone,
      );
      expect(sorted(mergeMonths(months, rest)), zone).toEqual(sorted(expected));
    }
  });

  it('takes dates as well as strings, and an empty list', () => {
    expect(countByMonth([], 'Europe/Moscow')).toEqual([]);
    expect(countByMonth([new Date('2026-01-31T21:30:00Z'), '2026-01-31T20:59:59Z'], 'Europe/Moscow')).toEqual(
      [
        { year: 2026, month: 2, count: 1 },
        { year: 2026, month: 1, count: 1 },
      ],
    );
  });
});
