import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import { findArticleRow, findGroupMemberIds, findGroupMemberInLanguage } from './article-repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The translation group an article joins when it is declared a translation of `ofId`.
 * A group is named after its first article; it holds at most one article per language.
 */
export async function resolveTranslationGroup(
  db: Q,
  ofId: string,
  language: string,
  selfId: string,
): Promise<string> {
  if (ofId === selfId) throw new ValidationError('translation_of: an article cannot translate itself');
  const original = await findArticleRow(db, { id: ofId });
  if (!original)
    throw new ValidationError(`translation_of: unknown article ${ofId}`, { field: 'translation_of' });
  const group = original.translation_group ?? original.id;
  await assertLanguageFree(db, group, language, selfId);
  return group;
}

/** Refuse a second version in `language` within `group` (whether by joining or by a language change). */
export async function assertLanguageFree(db: Q, group: string, language: string, selfId: string) {
  const clash = await findGroupMemberInLanguage(db, group, language, selfId);
  if (clash) {
    throw new ConflictError(`the translation group already has a "${language}" version: ${clash.slug}`, {
      language,
      slug: clash.slug,
    });
  }
}

/**
 * The other articles whose pages change when `selfId` changes within these groups (the group it
 * was in and the one it is in now): each lists the group's versions in its language switcher and
 * hreflang links, so joining, leaving, publishing or withdrawing one version changes them all.
 * Read inside the change's transaction, so the answer is the membership the change leaves, plus
 * whoever remained in the group it left.
 */
export async function groupMembersAffected(
  db: Q,
  groups: Array<string | null | undefined>,
  selfId: string,
): Promise<string[]> {
  const named = [...new Set(groups.filter((g): g is string => !!g))];
  return findGroupMemberIds(db, named, selfId);
}
