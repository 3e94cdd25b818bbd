import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ConflictError } from '../../domain/errors.ts';
import { slugify } from '../../lib/slug.ts';
import { findArticleRow } from './article-repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function slugTakenError(slug: string): ConflictError {
  return new ConflictError(`an article with slug "${slug}" exists`, { slug });
}

export async function assertSlugFree(db: Q, slug: string, exceptId?: string): Promise<void> {
  const existing = await findArticleRow(db, { slug });
  if (existing && existing.id !== exceptId) throw slugTakenError(slug);
}

/**
 * The first free slug made from a title: "title", "title-2", "title-3"... The check and the
 * insert are not atomic; create-article.ts retries when a concurrent create took it first.
 */
export async function freeSlugFrom(db: Q, title: string): Promise<string> {
  const base = slugify(title) || 'article';
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 110)}-${n}`;
    if (!(await findArticleRow(db, { slug: candidate }))) return candidate;
  }
  return `${base.slice(0, 100)}-${randomUUID().slice(0, 8)}`;
}
