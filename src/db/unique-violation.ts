import { ConflictError, type ErrorDetails } from '../domain/errors.ts';

/**
 * Whether a database error is a unique-constraint violation, from either driver:
 * better-sqlite3 reports `SQLITE_CONSTRAINT_UNIQUE` (or `SQLITE_CONSTRAINT_PRIMARYKEY`),
 * pg reports SQLSTATE 23505. Two writers racing past the same "is it free?" check end here,
 * and the loser must hear "conflict", never "internal error".
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Rethrow a unique violation as a ConflictError carrying `message`; anything else unchanged. */
export function conflictOnUniqueViolation(err: unknown, message: string, details?: ErrorDetails): never {
  if (isUniqueViolation(err)) throw new ConflictError(message, details);
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
    return conflictOnUniqueViolation(err, message, details);
  }
}
