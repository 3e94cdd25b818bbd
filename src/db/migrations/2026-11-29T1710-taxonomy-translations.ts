import type { Kysely } from 'kysely';

// Sections, tags and authors in other languages: one row per thing and language, each field
// optional (an empty string means "use the default language's"). A slug is unique within its
// language only, so /ru/tag/ekonomika and /tag/economy can both exist. Deleting the tag or the
// author deletes its translations. Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag_translations')
    .ifNotExists()
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_translations_pk', ['tag_id', 'language'])
    .addUniqueConstraint('tag_translations_language_slug', ['language', 'slug'])
    .execute();
  await db.schema
    .createTable('author_translations')
    .ifNotExists()
    .addColumn('author_id', 'text', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text')
    .addColumn('bio', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('author_translations_pk', ['author_id', 'language'])
    .addUniqueConstraint('author_translations_language_slug', ['language', 'slug'])
    .execute();
}
