import type { ArticleStatus } from '../../db/schema.ts';
import type { ImportArticle } from './import.types.ts';

// An article's status from its source's: what a first import gives it, and what a later import
// changes when the source's status changed since. Pure: the clock is passed in.

type SourceStatus = ImportArticle['status'];

export interface Publication {
  status: ArticleStatus;
  publishedAt: string | null;
}

/**
 * The status a new article gets: private becomes a draft, a past schedule is published, and a
 * "published" post dated in the future (an export's clock, a typo) stays scheduled. A trashed
 * post is never created (runImport skips it), so it reads as a draft here.
 */
export function firstPublication(
  status: SourceStatus,
  at: string | null,
  now: Date,
): { status: 'draft' | 'published' | 'scheduled'; at?: string } {
  const when = at ?? undefined;
  if (status === 'draft' || status === 'private' || status === 'trashed')
    return when ? { status: 'draft', at: when } : { status: 'draft' };
  const future = when !== undefined && new Date(when).getTime() > now.getTime();
  if (future) return { status: 'scheduled', at: when };
  return when ? { status: 'published', at: when } : { status: 'published' };
}

const sameInstant = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && new Date(a).getTime() === new Date(b).getTime());

/**
 * On a re-import of a changed item: the status and date our article moves to, or null when it
 * stays as it is. A post taken back to draft, made private or trashed on the old site is taken
 * down here (a published article becomes unpublished, its address answering 410; a scheduled
 * one goes back to draft); a post (re)published or rescheduled there is here too. A draft stays
 * a draft whatever its date: only the old site's publishing publishes.
 */
export function publicationChange(
  current: Publication,
  status: SourceStatus,
  at: string | null,
  now: Date,
): Publication | null {
  const wanted = firstPublication(status, at, now);
  if (wanted.status === 'draft') {
    if (current.status === 'published') return { status: 'unpublished', publishedAt: current.publishedAt };
    if (current.status === 'scheduled') return { status: 'draft', publishedAt: current.publishedAt };
    return null;
  }
  const publishedAt =
    wanted.at ??
    (current.status === 'published' && current.publishedAt ? current.publishedAt : now.toISOString());
  if (current.status === wanted.status && sameInstant(current.publishedAt, publishedAt)) return null;
  return { status: wanted.status, publishedAt };
}
