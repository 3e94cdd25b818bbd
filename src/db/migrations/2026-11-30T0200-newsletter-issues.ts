import type { Kysely } from 'kysely';

// Newsletter issues and their sending (module newsletters; the lists and subscribers belong to
// module subscribers, whose ids appear here as plain text, not foreign keys: the two modules'
// migrations may land in either order).
//
// `newsletter_issues`: one issue of one list. `number` counts from 1 per list; `slug` is
// `<list slug>-<number>` (the archive's address). `status` draft -> sending -> sent. `since` is
// the start of the period the issue collects articles from (ISO 8601 UTC); `scheduled_for` when
// a digest goes out on its own. `newsletter_issue_items`: the articles, in the editors' order.
//
// `newsletter_sends`: one per issue: the recipients' count when it began, running counters
// (updated once per batch, so progress is one row read at any size), the keyset `cursor` (the last
// subscriber id whose batch settled) and a lease: the one process sending it refreshes
// `lease_until`; another takes over only after it lapsed.
//
// `newsletter_deliveries`: one row per recipient, written before the message is handed to the
// relay and updated after: queued -> sending (claimed by `claimed_by`) -> accepted | deferred
// (a 4xx: again at `next_attempt_at`) | failed (`reason`). No address is kept: the subscriber id
// is enough. Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('newsletter_issues')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('newsletter_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text')
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('newsletter_issues_list_number', ['newsletter_id', 'number'])
    .execute();
  await db.schema
    .createIndex('newsletter_issues_status')
    .ifNotExists()
    .on('newsletter_issues')
    .columns(['status', 'sent_at'])
    .execute();

  await db.schema
    .createTable('newsletter_issue_items')
    .ifNotExists()
    .addColumn('issue_id', 'text', (c) => c.notNull().references('newsletter_issues.id').onDelete('cascade'))
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_issue_items_pk', ['issue_id', 'article_id'])
    .execute();

  await db.schema
    .createTable('newsletter_sends')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().unique().references('newsletter_issues.id'))
    .addColumn('newsletter_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('deferred', 'integer', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await db.schema
    .createTable('newsletter_deliveries')
    .ifNotExists()
    .addColumn('send_id', 'text', (c) => c.notNull().references('newsletter_sends.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_deliveries_pk', ['send_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('newsletter_deliveries_status')
    .ifNotExists()
    .on('newsletter_deliveries')
    .columns(['send_id', 'status'])
    .execute();
}
