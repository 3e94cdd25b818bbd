import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The newsletter counts the Admin API shows (subscribers per status, each list's subscriptions per
// status) kept as they change, so reading them costs a few rows whatever the list's size (issue 11:
// "a list of 1,000,000 subscribers ... the counts in the API stay fast"; grouping a million rows took
// seconds). Triggers keep them, so every way a row changes (signup, confirmation, preferences,
// suppression, erasure, import, expiry, a hand-run statement) counts alike. Keys:
// `s:<status>` for subscribers, `l:<newsletter id>:<status>:<subscriber status>` for subscriptions.
// A trigger only appends a change (+1 or -1) to `subscriber_count_changes`: writers never wait on
// one another over a shared total, so no lock order can deadlock them. Reading folds the changes
// into `subscriber_counts` (modules/subscribers, kept-counts.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('subscriber_counts')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('subscriber_count_changes')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('d', 'integer', (c) => c.notNull())
    .execute();

  const subscriberKey = (row: 'NEW' | 'OLD') => `'s:' || ${row}.status`;
  const subscriptionKey = (row: 'NEW' | 'OLD') =>
    `'l:' || ${row}.newsletter_id || ':' || ${row}.status || ':' || ${row}.subscriber_status`;
  const bump = (key: string) => `INSERT INTO subscriber_count_changes (key, d) VALUES (${key}, 1);`;
  const drop = (key: string) => `INSERT INTO subscriber_count_changes (key, d) VALUES (${key}, -1);`;

  if (dialect === 'sqlite') {
    const triggers: Array<[string, string, string]> = [
      ['subscribers_count_insert', 'AFTER INSERT ON subscribers', bump(subscriberKey('NEW'))],
      ['subscribers_count_delete', 'AFTER DELETE ON subscribers', drop(subscriberKey('OLD'))],
      [
        'subscribers_count_update',
        'AFTER UPDATE OF status ON subscribers WHEN OLD.status IS NOT NEW.status',
        drop(subscriberKey('OLD')) + bump(subscriberKey('NEW')),
      ],
      ['subscriptions_count_insert', 'AFTER INSERT ON subscriptions', bump(subscriptionKey('NEW'))],
      ['subscriptions_count_delete', 'AFTER DELETE ON subscriptions', drop(subscriptionKey('OLD'))],
      [
        'subscriptions_count_update',
        `AFTER UPDATE OF newsletter_id, status, subscriber_status ON subscriptions
         WHEN ${subscriptionKey('OLD')} IS NOT ${subscriptionKey('NEW')}`,
        drop(subscriptionKey('OLD')) + bump(subscriptionKey('NEW')),
      ],
    ];
    for (const [name, when, body] of triggers) {
      await sql.raw(`CREATE TRIGGER IF NOT EXISTS ${name} ${when} BEGIN ${body} END`).execute(db);
    }
  } else {
    for (const [table, key, columns] of [
      ['subscribers', subscriberKey, 'status'],
      ['subscriptions', subscriptionKey, 'newsletter_id, status, subscriber_status'],
    ] as const) {
      await sql
        .raw(
          `CREATE OR REPLACE FUNCTION ${table}_count() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF TG_OP = 'UPDATE' AND ${key('OLD')} = ${key('NEW')} THEN RETURN NULL; END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') THEN ${drop(key('OLD'))} END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN ${bump(key('NEW'))} END IF;
            RETURN NULL;
          END $$`,
        )
        .execute(db);
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_count ON ${table}`).execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${table}_count AFTER INSERT OR DELETE OR UPDATE OF ${columns} ON ${table}
           FOR EACH ROW EXECUTE FUNCTION ${table}_count()`,
        )
        .execute(db);
    }
  }

  // What is there already, counted once.
  await sql
    .raw(
      `INSERT INTO subscriber_counts (key, n)
       SELECT 's:' || status, count(*) FROM subscribers GROUP BY status
       UNION ALL
       SELECT 'l:' || newsletter_id || ':' || status || ':' || subscriber_status, count(*)
       FROM subscriptions GROUP BY newsletter_id, status, subscriber_status`,
    )
    .execute(db);
}
