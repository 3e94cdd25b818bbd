import type { Kysely } from 'kysely';

// Moving in from another platform (modules/import) and keeping its old addresses working
// (modules/redirects).
//
// import_items: what an import made of each item of a source, so a second run matches it again:
// (source, kind, source_id) → our id, with a hash of the item as it was read, so an unchanged
// item is skipped and a changed one updated. `source` names the platform and the site
// ("wordpress:https://old.example"); `kind` is article, author, tag or media.
//
// redirects: an old address (path and query, normalised by modules/redirects) answering 301.
// `article_id`, when set, is followed to the article's current address, so a later change of
// slug does not break it; `target` is the address otherwise (and the fallback). Re-runnable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_items')
    .ifNotExists()
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_items_pk', ['source', 'kind', 'source_id'])
    .execute();
  await db.schema
    .createTable('redirects')
    .ifNotExists()
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('redirects_article_idx')
    .ifNotExists()
    .on('redirects')
    .column('article_id')
    .execute();
}
