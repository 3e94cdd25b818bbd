import type { Kysely } from 'kysely';

// One row per bounce or complaint event taken in (a webhook, an SNS notification, a DSN piped to
// the CLI), so a replayed event changes nothing the second time: a soft bounce counted twice
// would suppress an address early. The key is the provider's event id or a digest of the event;
// no address is kept here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_events')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
}
