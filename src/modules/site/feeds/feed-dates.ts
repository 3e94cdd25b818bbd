/** RFC 822 (as updated by RFC 1123: four-digit year), for RSS 2.0: `Tue, 10 Jun 2003 04:00:00 GMT`. */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC without fractions, for Atom, JSON Feed and sitemaps: `2003-06-10T04:00:00Z`. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
