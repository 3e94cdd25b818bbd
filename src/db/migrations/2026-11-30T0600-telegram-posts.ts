import type { Kysely } from 'kysely';

// One row per article posted to the Telegram channel (modules/telegram): the message to edit or
// delete later, and a digest of what it shows, so an edit that changes nothing sends nothing.
// No foreign key: a deleted article's row is what lets its post be deleted afterwards.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('telegram_posts')
    .ifNotExists()
    .addColumn('article_id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
