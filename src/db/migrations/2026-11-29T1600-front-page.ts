import type { Kysely } from 'kysely';

// What the editors put on the home page: one row (id 1). The lead and the featured stories are
// article ids, not foreign keys: an article that is later unpublished or deleted is skipped when
// the page is built (the home page falls back to the newest), so nothing here has to follow it.
// `featured_ids` is a JSON array, in the editors' order. The breaking-news strip ends at
// `breaking_expires_at` (UTC, ISO 8601) on its own. Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('front_page')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('lead_id', 'text')
    .addColumn('featured_ids', 'text', (c) => c.notNull())
    .addColumn('breaking_text', 'text')
    .addColumn('breaking_url', 'text')
    .addColumn('breaking_article_id', 'text')
    .addColumn('breaking_expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
