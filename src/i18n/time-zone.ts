// Instants shown in the publication's time zone. Stored times are UTC; readers see the
// newsroom's clock, and `<time datetime>` carries the same wall time with its UTC offset.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** Minutes east of UTC in `timeZone` at `date` ("GMT+05:30" -> 330). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const name = offsetFormat(timeZone)
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * The zone a wall time is on, by its offset from UTC at that instant: "UTC+3" (Moscow), "UTC+5:30"
 * (Kolkata), "UTC−5" (New York in winter), "UTC". Abbreviations such as MSK or CET exist for few
 * zones and in few languages; an offset reads the same in every language and is never ambiguous.
 */
export function zoneLabel(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const offset = offsetMinutes(date, timeZone);
  if (offset === 0) return 'UTC';
  const hours = Math.trunc(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  return `UTC${offset < 0 ? '\u2212' : '+'}${hours}${minutes ? `:${pad(minutes)}` : ''}`;
}

/** "2026-11-27T08:35:00.000Z" in Asia/Kolkata -> "2026-11-27T14:05:00+05:30". */
export function isoInTimeZone(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The calendar year and month (1-12) of an instant on the newsroom's wall clock. */
export function zonedYearMonth(instant: string | Date, timeZone: string): { year: number; month: number } {
  const local = isoInTimeZone(instant, timeZone);
  return { year: Number(local.slice(0, 4)), month: Number(local.slice(5, 7)) };
}

/** The UTC instant at which month `month` (1-12; 13 = January next year) of `year` begins in `timeZone`. */
export function startOfMonth(year: number, month: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, 1);
  // The offset at the guess may differ from the offset at the answer across a DST change.
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}
