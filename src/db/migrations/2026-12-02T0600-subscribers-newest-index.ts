import type { Kysely } from 'kysely';

// The Admin API lists subscribers newest first, with or without a status: without one, the only
// index began with the status, so every page sorted the whole table (seconds at a million
// subscribers). This index serves the unfiltered list, the list of one newsletter's subscribers
// (newest first, each checked against the subscriptions' primary key) and the cursor after a page.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('subscribers_created_idx')
    .ifNotExists()
    .on('subscribers')
    .columns(['created_at', 'id'])
    .execute();
}
