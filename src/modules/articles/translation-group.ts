import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';

/**
 * The translation group an article joins when it is declared a translation of `ofId`.
 * A group is named after its first article; it holds at most one article per language.
 */
export async function resolveTranslationGroup(
  db: Kysely<Database> | Transaction<Database>,
  ofId: string,
  language: string,
  selfId: string,
): Promise<string> {
  if (ofId === selfId) throw new ValidationError('translation_of: an article cannot translate itself');
  const original = await db
    .selectFrom('articles')
    .select(['id', 'translation_group'])
    .where('id', '=', ofId)
    .executeTakeFirst();
  if (!original)
    throw new ValidationError(`translation_of: unknown article ${ofId}`, { field: 'translation_of' });
  const group = original.translation_group ?? original.id;
  const clash = await db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where((eb) => eb.or([eb('translation_group', '=', group), eb('id', '=', group)]))
    .where('language', '=', language)
    .where('id', '!=', selfId)
    .executeTakeFirst();
  if (clash) {
    throw new ConflictError(`the translation group already has a "${language}" version: ${clash.slug}`, {
      language,
      slug: clash.slug,
    });
  }
  return group;
}
