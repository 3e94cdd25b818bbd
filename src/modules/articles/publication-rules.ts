import { ValidationError } from '../../domain/errors.ts';
import type { ArticleStatus } from '../../db/schema.ts';

/**
 * What status and publication time an article gets from what the editor asked for.
 * Pure: the clock is passed in.
 */
export function decidePublication(
  requested: 'draft' | 'published' | 'scheduled',
  publishedAt: string | undefined,
  now: Date,
): { status: ArticleStatus; publishedAt: string | null } {
  const when = publishedAt ? new Date(publishedAt) : undefined;
  if (requested === 'draft') return { status: 'draft', publishedAt: when ? when.toISOString() : null };
  if (requested === 'scheduled') {
    if (!when) throw new ValidationError('published_at: a scheduled article needs a publication time');
    if (when.getTime() <= now.getTime()) {
      throw new ValidationError('published_at: must be in the future to schedule; publish it instead', {
        field: 'published_at',
      });
    }
    return { status: 'scheduled', publishedAt: when.toISOString() };
  }
  if (when && when.getTime() > now.getTime()) {
    throw new ValidationError('published_at: is in the future; use status "scheduled"', {
      field: 'published_at',
    });
  }
  // Back-dating is allowed: imported archives keep their original dates.
  return { status: 'published', publishedAt: (when ?? now).toISOString() };
}
