import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { ConflictError } from '../domain/errors.ts';
import { slugify } from './slug.ts';

// Reads and writes of tag_translations and author_translations: the same shape, so one store.

export interface StoredTranslation {
  name: string;
  slug: string | null;
  /** The description of a tag, the bio of an author. */
  text: string;
}

interface Kind {
  table: 'tag_translations' | 'author_translations';
  owner: 'tags' | 'authors';
  key: 'tag_id' | 'author_id';
  text: 'description' | 'bio';
  noun: string;
}

export const translationKinds = {
  tag: { table: 'tag_translations', owner: 'tags', key: 'tag_id', text: 'description', noun: 'a tag' },
  author: {
    table: 'author_translations',
    owner: 'authors',
    key: 'author_id',
    text: 'bio',
    noun: 'an author',
  },
} as const satisfies Record<string, Kind>;

/** What a request asks for one language: replace it whole, or (null) remove it. */
export type TranslationInput = { name: string; slug?: string | null | undefined; text: string } | null;

// The two tables have the same columns under two names; the queries below are typed for one.
type Db = Kysely<Database>;
type Row = { owner_id: string; language: string; name: string; slug: string | null; text: string };

function select(db: Db, kind: Kind) {
  return (db as unknown as Kysely<Record<string, Record<string, string | null>>>)
    .selectFrom(kind.table)
    .select([`${kind.key} as owner_id`, 'language', 'name', 'slug', `${kind.text} as text`]);
}

/** Every translation of the given rows (all rows when `ids` is omitted): id -> language -> fields. */
export async function loadTranslations(
  db: Db,
  kind: Kind,
  ids?: string[],
): Promise<Map<string, Record<string, StoredTranslation>>> {
  const out = new Map<string, Record<string, StoredTranslation>>();
  if (ids && ids.length === 0) return out;
  let query = select(db, kind);
  if (ids) query = query.where(kind.key, 'in', ids);
  const rows = (await query.execute()) as unknown as Row[];
  for (const row of rows) {
    const entry = out.get(row.owner_id) ?? {};
    entry[row.language] = { name: row.name, slug: row.slug, text: row.text };
    out.set(row.owner_id, entry);
  }
  return out;
}

/** Translations into one language: id -> fields (for rendering a page in that language). */
export async function translationsIn(
  db: Db,
  kind: Kind,
  language: string,
): Promise<Map<string, StoredTranslation>> {
  const rows = (await select(db, kind).where('language', '=', language).execute()) as unknown as Row[];
  return new Map(rows.map((r) => [r.owner_id, { name: r.name, slug: r.slug, text: r.text }]));
}

/** The id holding `slug` in `language`: its translation's slug first, then the default slug. */
export async function findIdBySlugIn(
  db: Db,
  kind: Kind,
  language: string,
  slug: string,
): Promise<string | undefined> {
  const translated = (await select(db, kind)
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst()) as unknown as Row | undefined;
  if (translated) return translated.owner_id;
  const plain = await db.selectFrom(kind.owner).select('id').where('slug', '=', slug).executeTakeFirst();
  return plain?.id;
}

async function slugHolder(db: Db, kind: Kind, language: string, slug: string): Promise<string | undefined> {
  const translated = (await select(db, kind)
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst()) as unknown as Row | undefined;
  if (translated) return translated.owner_id;
  // A default slug is a page address in every language: a translation may not shadow another's.
  const plain = await db.selectFrom(kind.owner).select('id').where('slug', '=', slug).executeTakeFirst();
  return plain?.id;
}

function conflict(kind: Kind, slug: string, language: string): ConflictError {
  return new ConflictError(`${kind.noun} with slug "${slug}" exists in ${language}`, { slug, language });
}

/** Slugs given in `input` that another row holds in that language: a ConflictError, before any write. */
export async function assertTranslationSlugsFree(
  db: Db,
  kind: Kind,
  id: string | undefined,
  input: Record<string, TranslationInput> | undefined,
): Promise<void> {
  for (const [language, entry] of Object.entries(input ?? {})) {
    if (!entry?.slug) continue;
    const holder = await slugHolder(db, kind, language, entry.slug);
    if (holder && holder !== id) throw conflict(kind, entry.slug, language);
  }
}

/**
 * Writes the languages named in `input` for row `id` (replacing each whole, removing on null).
 * A slug held by another row in that language is a ConflictError; a slug made from the name that
 * is taken is left out (the page then uses the default slug).
 */
export async function saveTranslations(
  db: Db,
  kind: Kind,
  id: string,
  input: Record<string, TranslationInput> | undefined,
): Promise<void> {
  if (!input) return;
  await assertTranslationSlugsFree(db, kind, id, input);
  const table = db as unknown as Kysely<Record<string, Record<string, string | null>>>;
  for (const [language, entry] of Object.entries(input)) {
    await table.deleteFrom(kind.table).where(kind.key, '=', id).where('language', '=', language).execute();
    if (!entry) continue;
    let slug = entry.slug ?? null;
    if (entry.slug === undefined && entry.name) {
      const made = slugify(entry.name);
      const holder = made ? await slugHolder(db, kind, language, made) : id;
      slug = made && (!holder || holder === id) ? made : null;
    }
    try {
      await table
        .insertInto(kind.table)
        .values({ [kind.key]: id, language, name: entry.name, slug, [kind.text]: entry.text })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(kind, slug ?? '', language);
      throw error;
    }
  }
}
