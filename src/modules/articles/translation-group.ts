import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import { findArticleRow, findGroupMemberInLanguage } from './article-repository.ts';

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
  const original = await findArticleRow(db, { id: ofId });
  if (!original)
    throw new ValidationError(`translation_of: unknown article ${ofId}`, { field: 'translation_of' });
  const group = original.translation_group ?? original.id;
  const clash = await findGroupMemberInLanguage(db, group, language, selfId);
  if (clash) {
    throw new ConflictError(`the translation group already has a "${language}" version: ${clash.slug}`, {
      language,
      slug: clash.slug,
    });
  }
  return group;
}
