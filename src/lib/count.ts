/** count(*) arrives as a string on PostgreSQL and a number on SQLite. */
export function toCount(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}
