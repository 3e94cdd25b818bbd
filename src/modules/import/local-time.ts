// Dates as exports write them, turned into UTC ISO 8601. Pure.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

// One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it
// (it was a twelfth of a WordPress import's time when each date built two).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in minutes (east positive). */
function offsetMinutes(utcMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - utcMs) / 60_000);
}

/**
 * A wall-clock time without a zone ("2019-05-02 14:30:00"), read in `timeZone`, as UTC ISO; null
 * when it is no date (WordPress writes "0000-00-00 00:00:00" for a draft never dated).
 */
export function localToUtc(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (!y || y < 1900 || y > 2200 || mo! < 1 || mo! > 12 || d! < 1 || d! > 31) return null;
  const wall = Date.UTC(y, mo! - 1, d!, h!, mi!, s || 0);
  // Two rounds settle the offset across a change of clocks.
  let utc = wall - offsetMinutes(wall, timeZone) * 60_000;
  utc = wall - offsetMinutes(utc, timeZone) * 60_000;
  return new Date(utc).toISOString();
}

/** A UTC wall-clock time without a zone ("2019-05-02 12:30:00", WordPress's *_gmt) as ISO. */
export function gmtToIso(gmt: string): string | null {
  return localToUtc(gmt, 'UTC');
}

/**
 * Any date an export may hold: ISO 8601 with a zone, RFC 2822 ("Thu, 02 May 2019 12:30:00 +0000"),
 * or a zone-less wall-clock time read in `timeZone`. Null when unreadable or out of range.
 */
export function anyDateToIso(value: string | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  const text = value.trim();
  if (LOCAL.test(text)) return localToUtc(text, timeZone);
  // ISO without a zone ("2019-05-02T14:30:00") is a wall-clock time, too.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
    return localToUtc(text.slice(0, 19).replace('T', ' '), timeZone);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year < 1900 || year > 2200 ? null : new Date(ms).toISOString();
}
