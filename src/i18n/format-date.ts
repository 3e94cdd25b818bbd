import { zoneLabel } from './time-zone.ts';

// Dates as a reader of the page's language expects them, on the newsroom's clock.

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, options);
    formats.set(key, f);
  }
  return f;
}

const toDate = (instant: string | Date) => (typeof instant === 'string' ? new Date(instant) : instant);

/** "November 27, 2026 at 2:05 PM UTC+3" / "27 ноября 2026 г. в 14:05 UTC+3": a time names its zone. */
export function formatDateTime(instant: string | Date, language: string, timeZone: string): string {
  const text = format(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(toDate(instant));
  return `${text} ${zoneLabel(instant, timeZone)}`;
}

/** "November 27, 2026" / "27 ноября 2026 г.". */
export function formatDate(instant: string | Date, language: string, timeZone: string): string {
  return format(language, { dateStyle: 'long', timeZone }).format(toDate(instant));
}

/** "November 2026" / "ноябрь 2026 г.": a calendar month, independent of any time zone. */
export function formatMonth(year: number, month: number, language: string): string {
  return format(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}

/** Names already made (an Intl.DisplayNames is costly to build): one per language asked for. */
const languageNames = new Map<string, string>();

/** A language's name in that language, capitalised: "ru" -> "Русский". */
export function languageName(language: string): string {
  let name = languageNames.get(language);
  if (name === undefined) {
    name = nameOf(language);
    if (languageNames.size >= 256) languageNames.clear();
    languageNames.set(language, name);
  }
  return name;
}

function nameOf(language: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  } catch {
    return language;
  }
}

/** Right-to-left scripts, for `<html dir>`. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  return /^(ar|fa|he|ps|ur|yi|dv|ckb|sd|ug)(-|$)/i.test(language) ? 'rtl' : 'ltr';
}
