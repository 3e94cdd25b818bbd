import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Newsletters, their subscribers (issue 11): the lists (`newsletters`), the people (address sealed,
// found by a keyed hash), who gets which list (`subscriptions`, carrying a copy of the subscriber's
// status so recipients and counts come from one index at a million rows), and the consent record.
// Seeds the weekly digest (the default list, Fridays at 09:00 in TIMEZONE) and breaking news; a
// digest per further site language is added at start (modules/subscribers). Re-runnable.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('newsletters')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('schedule_cron', 'text')
    .addColumn('signup_wording', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subscribers')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_sealed', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name_sealed', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('suppressed_reason', 'text')
    .addColumn('suppressed_detail', 'text')
    .addColumn('suppressed_at', 'text')
    .addColumn('soft_bounces', 'integer', (c) => c.notNull())
    .addColumn('link_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirm_expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Admin listing by status, newest first; the expiry sweep of unconfirmed signups.
  await db.schema
    .createIndex('subscribers_status_created_idx')
    .ifNotExists()
    .on('subscribers')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('subscribers_confirm_expires_idx')
    .ifNotExists()
    .on('subscribers')
    .column('confirm_expires_at')
    .execute();

  await db.schema
    .createTable('subscriptions')
    .ifNotExists()
    .addColumn('newsletter_id', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subscriber_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['newsletter_id', 'subscriber_id'])
    .execute();
  // Recipients of a list a page at a time (keyset on subscriber_id), and counts per list and status.
  await db.schema
    .createIndex('subscriptions_recipients_idx')
    .ifNotExists()
    .on('subscriptions')
    .columns(['newsletter_id', 'status', 'subscriber_status', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_subscriber_idx')
    .ifNotExists()
    .on('subscriptions')
    .column('subscriber_id')
    .execute();

  await db.schema
    .createTable('consents')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('newsletter_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consents_subscriber_idx')
    .ifNotExists()
    .on('consents')
    .column('subscriber_id')
    .execute();

  const at = new Date().toISOString();
  const seeds = [
    {
      id: 'nl-weekly',
      slug: 'weekly',
      name: 'Weekly digest',
      description: 'The week’s journalism, every Friday morning.',
      kind: 'digest',
      schedule_cron: '0 9 * * 5',
      position: 0,
      is_default: 1,
    },
    {
      id: 'nl-breaking',
      slug: 'breaking',
      name: 'Breaking news',
      description: 'A short message when something important happens.',
      kind: 'breaking',
      schedule_cron: null,
      position: 1,
      is_default: 0,
    },
  ];
  for (const seed of seeds) {
    const exists = await db
      .selectFrom('newsletters')
      .select('id')
      .where('slug', '=', seed.slug)
      .executeTakeFirst();
    if (exists) continue;
    // An empty wording: the signup block uses the catalogue's, in the page's language.
    await db
      .insertInto('newsletters')
      .values({ ...seed, language: null, signup_wording: '', created_at: at, updated_at: at })
      .execute();
  }
}
