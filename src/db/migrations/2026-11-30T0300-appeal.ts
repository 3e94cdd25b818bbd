import type { Kysely } from 'kysely';

// The reader-revenue appeal (src/modules/appeal). `appeal_settings` is one row (id 1): the
// settings as JSON, validated by the module on the way in and out. `appeal_counts` holds
// aggregate counters only: how many times each variant was viewed, dismissed, snoozed or led to
// a gift, per UTC day; nothing about who. `appeal_reminders` keeps a reader's "email me a
// reminder" until it is sent: the address sealed (src/crypto) with a keyed hash for lookup and
// deduplication, the consent (when, on which page, which privacy policy), deleted once sent.
// Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appeal_settings')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('appeal_counts')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('appeal_counts_pk', ['day', 'variant', 'event'])
    .execute();
  await db.schema
    .createTable('appeal_reminders')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_sealed', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull().unique())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('consent_page', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text')
    .addColumn('remind_at', 'text', (c) => c.notNull())
    .execute();
}
