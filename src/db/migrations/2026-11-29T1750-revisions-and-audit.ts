import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Article revisions and the audit log.
//
// `article_revisions`: one row per save of an article (create, update, status change, restore),
// written in the transaction of the save. `fields` is the article's editable fields as JSON and
// `body` its document tree as JSON, as they were after that save. `number` counts from 1 per
// article. The rows go with their article when it is deleted (the audit log keeps the record).
//
// `audit_log`: append-only; no code path updates or deletes a row. `at` is ISO 8601 UTC; `id` grows
// in the order entries were written (paging walks it backwards; AUTOINCREMENT never reuses one). Summaries hold no personal data.
// Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('article_revisions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('actor_ref', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_article_number', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .ifNotExists()
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_object')
    .ifNotExists()
    .on('audit_log')
    .columns(['object_type', 'id'])
    .execute();
}
