/**
 * The one place that recognises a unique-constraint violation from either database, so a race
 * that slips past a "is it free?" check becomes a domain error (409) instead of a 500.
 */

/** SQLite (better-sqlite3) names the violation in `code`; PostgreSQL answers SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Rethrow a unique violation as the error `makeError` builds; anything else unchanged. */
export function rethrowUniqueAs(error: unknown, makeError: () => Error): never {
  if (isUniqueViolation(error)) throw makeError();
  throw error;
}
