import { ConflictError, type ErrorDetails } from '../domain/errors.ts';

/**
 * The one place that recognises a unique-constraint violation from either driver, so a race that
 * slips past an "is it free?" check becomes a domain error (409), never an internal error:
 * better-sqlite3 reports `SQLITE_CONSTRAINT_UNIQUE` (or `SQLITE_CONSTRAINT_PRIMARYKEY`), pg
 * reports SQLSTATE 23505.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Rethrow a unique violation as the error `makeError` builds; anything else unchanged. */
export function rethrowUniqueAs(err: unknown, makeError: () => Error): never {
  if (isUniqueViolation(err)) throw makeError();
  throw err;
}

/** Run `write`; a unique violation it raises becomes a ConflictError with `message`. */
export async function withUniqueAsConflict<T>(
  write: () => Promise<T>,
  message: string,
  details?: ErrorDetails,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    return rethrowUniqueAs(err, () => new ConflictError(message, details));
  }
}
