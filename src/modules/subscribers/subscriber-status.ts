import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SubscriberStatus } from './subscribers.types.ts';

/**
 * A subscriber's status, written to the subscriber and mirrored on each of their subscriptions
 * (recipients and counts then come from one index). Call inside a transaction.
 */
export async function setSubscriberStatus(
  trx: Transaction<Database> | Kysely<Database>,
  subscriberId: string,
  status: SubscriberStatus,
  at: string,
): Promise<void> {
  await trx
    .updateTable('subscribers')
    .set({ status, updated_at: at })
    .where('id', '=', subscriberId)
    .execute();
  await trx
    .updateTable('subscriptions')
    .set({ subscriber_status: status, updated_at: at })
    .where('subscriber_id', '=', subscriberId)
    .execute();
}
