import type { Kysely } from 'kysely';

// The parts of an article page derived from its body alone (the body HTML, the description),
// rendered when the article is saved so an uncached page render does not render them again
// (modules/site/rendered-parts). A row is used only while it matches the article's version, the
// renderer that made it and the media it shows; anything else renders from scratch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('article_renders')
    .ifNotExists()
    .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('renderer', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('media', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('rendered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_renders_renderer')
    .ifNotExists()
    .on('article_renders')
    .column('renderer')
    .execute();
}
