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

/** The source ids of every item of this kind an import of `source` recorded. */
export async function importedSourceIds(db: Q, source: string, kind: ItemKind): Promise<Set<string>> {
  const rows = await db
    .selectFrom('import_items')
    .select('source_id')
    .where('source', '=', source)
    .where('kind', '=', kind)
    .execute();
  return new Set(rows.map((r) => r.source_id));
}

export interface ImportRecord {
  source: string;
  kind: ItemKind;
  sourceId: string;
  targetId: string;
  contentHash: string;
  at: string;
}

export async function recordImported(db: Q, item: ImportRecord): Promise<void> {
  await recordImportedMany(db, [item]);
}

/** Many records in one statement (a batch's); a source id seen before is updated. */
export async function recordImportedMany(db: Q, items: ImportRecord[]): Promise<void> {
  if (items.length === 0) return;
  // One row per source id in a statement: PostgreSQL refuses to update a row twice in one.
  const rows = new Map<string, ImportRecord>();
  for (const item of items) rows.set(`${item.source}\n${item.kind}\n${item.sourceId}`, item);
  await db
    .insertInto('import_items')
    .values(
      [...rows.values()].map((item) => ({
        source: item.source,
        kind: item.kind,
        source_id: item.sourceId,
        target_id: item.targetId,
        content_hash: item.contentHash,
        imported_at: item.at,
        updated_at: item.at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['source', 'kind', 'source_id']).doUpdateSet((eb) => ({
        target_id: eb.ref('excluded.target_id'),
        content_hash: eb.ref('excluded.content_hash'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
