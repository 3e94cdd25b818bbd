// How many instants fall in each month of a time zone's calendar, for the date archive's index.
// Pure. The archive of a large site has one published time per article (100,000 and more), and
// asking Intl for the zone's offset at each one took about 20-50 µs: a second or more per archive
// page. A zone's offset changes at most once a day (tzdata has no day with two transitions), so
// it is asked once per UTC day boundary instead and, when a day's start and end agree, used for
// every instant of that day; a day with a transition is counted instant by instant.
import { offsetMinutes, zonedYearMonth } from '../../i18n/index.ts';
import type { MonthCount } from './views/archive-view.ts';

const DAY_MS = 86_400_000;

/**
 * Offsets at the start of UTC days, by zone, kept for the process: tzdata does not change under
 * it, and every archive page (four per incremental mirror export, one per year in a full one)
 * asks for the same few thousand days.
 */
const dayStartOffsets = new Map<string, Map<number, number>>();
const MAX_KEPT_DAYS = 200_000;

/** A UTC day's offset in `timeZone`, in minutes; null when it changes during the day. */
function dayOffsets(timeZone: string): (day: number) => number | null {
  let starts = dayStartOffsets.get(timeZone);
  if (!starts || starts.size > MAX_KEPT_DAYS) {
    starts = new Map();
    dayStartOffsets.set(timeZone, starts);
  }
  const known = starts;
  const atStart = (day: number) => {
    let offset = known.get(day);
    if (offset === undefined) {
      offset = offsetMinutes(new Date(day * DAY_MS), timeZone);
      known.set(day, offset);
    }
    return offset;
  };
  return (day) => {
    const start = atStart(day);
    return start === atStart(day + 1) ? start : null;
  };
}

function add(counts: Map<string, MonthCount>, year: number, month: number, n: number): void {
  const key = `${year}-${month}`;
  const entry = counts.get(key) ?? { year, month, count: 0 };
  entry.count += n;
  counts.set(key, entry);
}

/** The months `instants` fall in, on `timeZone`'s calendar, in the order each month is first met. */
export function countByMonth(instants: Iterable<string | Date>, timeZone: string): MonthCount[] {
  const offsetOfDay = dayOffsets(timeZone);
  const counts = new Map<string, MonthCount>();
  for (const instant of instants) {
    const time = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
    const offset = offsetOfDay(Math.floor(time / DAY_MS));
    let year: number;
    let month: number;
    if (offset === null) {
      ({ year, month } = zonedYearMonth(instant, timeZone));
    } else {
      const local = new Date(time + offset * 60_000);
      year = local.getUTCFullYear();
      month = local.getUTCMonth() + 1;
    }
    add(counts, year, month, 1);
  }
  return [...counts.values()];
}

/**
 * The same from counts per UTC day ("2026-11-30"): a day lies in one month of the zone's
 * calendar but the day the zone's month begins on (or changes its offset on); those days are
 * returned in `split`, to be counted instant by instant (countByMonth) and added (mergeMonths).
 */
export function countDaysByMonth(
  days: Iterable<{ day: string; count: number }>,
  timeZone: string,
): { months: MonthCount[]; split: string[] } {
  const offsetOfDay = dayOffsets(timeZone);
  const counts = new Map<string, MonthCount>();
  const split: string[] = [];
  for (const { day, count } of days) {
    const start = Date.parse(`${day}T00:00:00.000Z`);
    const offset = offsetOfDay(Math.floor(start / DAY_MS));
    const first = offset === null ? undefined : new Date(start + offset * 60_000);
    const last = offset === null ? undefined : new Date(start + DAY_MS - 1 + offset * 60_000);
    if (!first || !last || first.getUTCMonth() !== last.getUTCMonth()) {
      split.push(day);
      continue;
    }
    add(counts, first.getUTCFullYear(), first.getUTCMonth() + 1, count);
  }
  return { months: [...counts.values()], split };
}

/** Two month counts added together. */
export function mergeMonths(a: MonthCount[], b: MonthCount[]): MonthCount[] {
  const counts = new Map<string, MonthCount>();
  for (const m of [...a, ...b]) add(counts, m.year, m.month, m.count);
  return [...counts.values()];
}
