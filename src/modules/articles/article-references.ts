import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../domain/errors.ts';
import { missingIds } from './article-repository.ts';

/** Refuse author, tag and hero ids that are listed twice or do not exist, naming the field. */
export async function assertReferences(
  db: Kysely<Database> | Transaction<Database>,
  refs: {
    author_ids?: string[] | undefined;
    tag_ids?: string[] | undefined;
    hero_media_id?: string | null | undefined;
  },
): Promise<void> {
  const checks: Array<[string, 'authors' | 'tags' | 'media', string[]]> = [
    ['author_ids', 'authors', refs.author_ids ?? []],
    ['tag_ids', 'tags', refs.tag_ids ?? []],
    ['hero_media_id', 'media', refs.hero_media_id ? [refs.hero_media_id] : []],
  ];
  for (const [field, table, ids] of checks) {
    if (new Set(ids).size !== ids.length) throw new ValidationError(`${field}: lists an id twice`, { field });
    const missing = await missingIds(db, table, ids);
    if (missing.length)
      throw new ValidationError(`${field}: unknown id ${missing.join(', ')}`, { field, missing });
  }
}
