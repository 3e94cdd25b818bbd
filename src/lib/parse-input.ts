import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';

/** Validate untrusted input; a failure becomes a ValidationError listing each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
    ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
  }));
  const first = details[0];
  const where = first?.path ? `${first.path}: ` : '';
  throw new ValidationError(`invalid input: ${where}${first?.message ?? 'unknown problem'}`, details);
}
