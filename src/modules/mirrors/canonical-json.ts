/**
 * JSON with one spelling for one value, so a signature over it can be checked by anyone who
 * parses the document and serialises it again: object keys sorted by UTF-16 code units (as
 * Array.prototype.sort does), no whitespace, strings and numbers as JSON.stringify writes them.
 * Only what JSON has: objects, arrays, strings, finite numbers, booleans, null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no place for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no place for a ${typeof value}`);
}
