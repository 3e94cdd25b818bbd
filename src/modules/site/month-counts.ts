// How many instants fall in each month of a time zone's calendar, for the date archive's index.
// Pure. The archive of a large site has one published time per article (100,000 and more), and
// asking Intl for the zone's offset at each one took about 20-50 µs: a second or more per archive
// page. A zone's offset changes at most once a day (tzdata has no day with two transitions), so
// it is asked twice per UTC day instead (at its start and at its end) and, when both agree, used
// for every instant of that day; a day with a transition is counted instant by instant.
import { offsetMinutes, zonedYearMonth } from '../../i18n/index.ts';
import type { MonthCount } from './views/archive-view.ts';

const DAY_MS = 86_400_000;

/** The months `instants` fall in, on `timeZone`'s calendar, in the order each month is first met. */
export function countByMonth(instants: Iterable<string | Date>, timeZone: string): MonthCount[] {
  /** A UTC day's offset in minutes; null when it changes during the day. */
  const dayOffsets = new Map<number, number | null>();
  const offsetOfDay = (day: number): number | null => {
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const start = offsetMinutes(new Date(day * DAY_MS), timeZone);
      const end = offsetMinutes(new Date((day + 1) * DAY_MS), timeZone);
      offset = start === end ? start : null;
      dayOffsets.set(day, offset);
    }
    return offset;
  };
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
    const key = `${year}-${month}`;
    const entry = counts.get(key) ?? { year, month, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()];
}
