import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Reader revenue: donors, donations, recurring plans and the payment providers' events.
//
// `donors`: only an e-mail address (sealed) with its keyed hash for lookup, and an optional name
// (sealed). Erasing a donor empties all three and sets `erased_at`: their gifts stay as anonymous
// totals. `donation_plans`: one recurring gift on a rail; `state_at` is the provider's time of the
// newest event applied, so an older event never overwrites a newer state. `donations`: one gift
// or one recurring payment, in the currency's minor units; the provider refs are unique per rail,
// so a replayed event finds the row it made. `payment_events`: every provider event once, by
// (rail, event id), recorded in the transaction that applies it.
// Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('donors')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_sealed', 'text')
    .addColumn('email_hash', 'text', (c) => c.unique())
    .addColumn('name_sealed', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();

  await db.schema
    .createTable('donation_plans')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('donor_id', 'text', (c) => c.references('donors.id'))
    .addColumn('rail', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('test', 'integer', (c) => c.notNull())
    .addColumn('state_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addUniqueConstraint('donation_plans_provider_ref', ['rail', 'provider_ref'])
    .execute();

  await db.schema
    .createTable('donations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('donor_id', 'text', (c) => c.references('donors.id'))
    .addColumn('plan_id', 'text', (c) => c.references('donation_plans.id'))
    .addColumn('rail', 'text', (c) => c.notNull())
    .addColumn('checkout_ref', 'text')
    .addColumn('invoice_ref', 'text')
    .addColumn('payment_ref', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('test', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('donations_checkout_ref', ['rail', 'checkout_ref'])
    .addUniqueConstraint('donations_invoice_ref', ['rail', 'invoice_ref'])
    .execute();
  await db.schema
    .createIndex('donations_created')
    .ifNotExists()
    .on('donations')
    .columns(['created_at'])
    .execute();
  await db.schema
    .createIndex('donations_payment_ref')
    .ifNotExists()
    .on('donations')
    .columns(['rail', 'payment_ref'])
    .execute();
  await db.schema
    .createIndex('donations_donor')
    .ifNotExists()
    .on('donations')
    .columns(['donor_id'])
    .execute();

  await db.schema
    .createTable('payment_events')
    .ifNotExists()
    .addColumn('rail', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_events_pk', ['rail', 'event_id'])
    .execute();
}
