import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

// What an import made of each item of a source (the import_items table): matched on the next
// run by (source, kind, source_id), with the hash of the item as it was read.

type Q = Kysely<Database> | Transaction<Database>;

export type ItemKind = 'article' | 'author' | 'tag' | 'media';

export interface ImportedItem {
  targetId: string;
  contentHash: string;
}

export async function findImported(
  db: Q,
  source: string,
  kind: ItemKind,
  sourceId: string,
): Promise<ImportedItem | undefined> {
  const row = await db
    .selectFrom('import_items')
    .select(['target_id', 'content_hash'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row ? { targetId: row.target_id, contentHash: row.content_hash } : undefined;
}

export async function recordImported(
  db: Q,
  item: {
    source: string;
    kind: ItemKind;
    sourceId: string;
    targetId: string;
    contentHash: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('import_items')
    .values({
      source: item.source,
      kind: item.kind,
      source_id: item.sourceId,
      target_id: item.targetId,
      content_hash: item.contentHash,
      imported_at: item.at,
      updated_at: item.at,
    })
    .onConflict((oc) =>
      oc.columns(['source', 'kind', 'source_id']).doUpdateSet({
        target_id: item.targetId,
        content_hash: item.contentHash,
        updated_at: item.at,
      }),
    )
    .execute();
}
