import type { Kysely } from 'kysely';

// SOS letters (`samizdat sos send`, modules/mirrors): the same durable shape as a newsletter's
// send and deliveries, so the newsletters module's sending engine and delivery store run on these
// tables unchanged (src/db/rename-tables.ts points their queries here). Apart from the
// newsletter tables because an SOS letter is no issue of any list and must never show in the
// newsletter archive or its counters.
//
// `sos_sends`: one per letter. `issue_id` holds the letter's identity, `sos:` + SHA-256 of its
// text: running the command again with the same file carries on that send (nobody gets it
// twice); `newsletter_id` is `*` (every list). `sos_deliveries`: one row per person, whatever
// the number of lists they are on. No address is kept, only the subscriber id. Re-runnable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sos_sends')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().unique())
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
    .createTable('sos_deliveries')
    .ifNotExists()
    .addColumn('send_id', 'text', (c) => c.notNull().references('sos_sends.id').onDelete('cascade'))
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sos_deliveries_pk', ['send_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('sos_deliveries_status')
    .ifNotExists()
    .on('sos_deliveries')
    .columns(['send_id', 'status'])
    .execute();
}
