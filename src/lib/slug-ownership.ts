import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { ConflictError } from '../domain/errors.ts';
import { MAX_SLUG_LENGTH, slugify } from './slug.ts';

/**
 * Who may hold a slug. Articles, authors and tags each own their slugs in their own table (a
 * unique column), so "is it free?" and "the next free one" are the same question for all three.
 */
export interface SlugOwner {
  table: 'articles' | 'authors' | 'tags';
  /** How a clash is told: `an author with slug "x" exists`. */
  noun: string;
  /** The slug's base when a name has no letters or digits to make one from. */
  fallback: string;
}

export const slugOwners = {
  article: { table: 'articles', noun: 'an article', fallback: 'article' },
  author: { table: 'authors', noun: 'an author', fallback: 'author' },
  tag: { table: 'tags', noun: 'a tag', fallback: 'tag' },
} as const satisfies Record<string, SlugOwner>;

/** A transaction is a Kysely too, so either may be passed. */
type Queryable = Kysely<Database>;

/** The domain error for a slug someone else holds (the web layer answers 409). */
export function slugTaken(owner: SlugOwner, slug: string): ConflictError {
  return new ConflictError(`${owner.noun} with slug "${slug}" exists`, { slug });
}

/** Whether `slug` is free for this kind of thing, not counting the row `exceptId` (the one being renamed). */
export async function isSlugFree(
  db: Queryable,
  owner: SlugOwner,
  slug: string,
  exceptId?: string,
): Promise<boolean> {
  const holder = await db.selectFrom(owner.table).select('id').where('slug', '=', slug).executeTakeFirst();
  return !holder || holder.id === exceptId;
}

/** Throws the ConflictError from `slugTaken` when another row holds `slug`. */
export async function assertSlugFree(
  db: Queryable,
  owner: SlugOwner,
  slug: string,
  exceptId?: string,
): Promise<void> {
  if (!(await isSlugFree(db, owner, slug, exceptId))) throw slugTaken(owner, slug);
}

const BATCH = 20;

/** The first free slug made from a name: `budget`, then `budget-2`, `budget-3`, ... */
export async function nextFreeSlug(db: Queryable, owner: SlugOwner, name: string): Promise<string> {
  const base = slugify(name) || owner.fallback;
  for (let first = 1; ; first += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => withNumber(base, first + i));
    const taken = new Set(
      (await db.selectFrom(owner.table).select('slug').where('slug', 'in', candidates).execute()).map(
        (row) => row.slug,
      ),
    );
    const free = candidates.find((c) => !taken.has(c));
    if (free) return free;
  }
}

function withNumber(base: string, n: number): string {
  if (n === 1) return base;
  const suffix = `-${n}`;
  return base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
}

/**
 * How many times a derived slug is re-chosen after losing a race for it. Each round one racer wins,
 * so n simultaneous creates of one name need n - 1 rounds (twenty at once on PostgreSQL took about
 * 1.2 s in all); past this many the answer is a 409, never a 500.
 */
const RACE_RETRIES = 20;

/**
 * Insert a row under a slug: the given one (a clash is a ConflictError), or the next free one made
 * from `name`, chosen again when a concurrent insert takes it first (the database's unique index
 * is the judge; the first check only avoids a needless failed insert).
 *
 * `insert` may open its own transaction (an article inserts its links too): a lost race rolls it
 * back and the retry opens a fresh one. Do not call this inside a transaction on PostgreSQL, where
 * the failed insert would abort the enclosing transaction.
 */
export async function insertWithSlug<T>(
  db: Queryable,
  owner: SlugOwner,
  wanted: { slug?: string | undefined; name: string },
  insert: (slug: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const slug = wanted.slug ?? (await nextFreeSlug(db, owner, wanted.name));
    if (wanted.slug !== undefined) await assertSlugFree(db, owner, slug);
    try {
      return await insert(slug);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (wanted.slug !== undefined || attempt >= RACE_RETRIES) throw slugTaken(owner, slug);
    }
  }
}
