import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { lookupHash, open } from '../../crypto/sealed-box.ts';
import { forgetReminders } from '../appeal/index.ts';
import { normaliseAddress } from './email-address.ts';
import { expireSignupJobKey } from './newsletter-signup.ts';

export interface SubscriberErasureDeps {
  db: Db;
  keys: Pick<Keys, 'encryption'>;
  jobs: Pick<JobQueue, 'cancel'>;
  mailer: Pick<Mailer, 'forget'>;
}

/**
 * Erases a subscriber: first the copies of mail to them that the mail transport keeps (the
 * outbox's files), then every row about them in one transaction. In that order, a crash between
 * the two leaves the person still there to erase again, never rows gone and their mail kept.
 */
export async function eraseSubscriber(deps: SubscriberErasureDeps, subscriberId: string): Promise<void> {
  const row = await deps.db.kysely
    .selectFrom('subscribers')
    .select('email_sealed')
    .where('id', '=', subscriberId)
    .executeTakeFirst();
  if (!row) return;
  await deps.mailer.forget(open(deps.keys.encryption, row.email_sealed));
  await deps.db.kysely.transaction().execute((trx) => eraseSubscriberRows(trx, deps.jobs, subscriberId));
}

/**
 * Erases the newsletter subscriber with this address, if there is one, inside the caller's
 * transaction (a donor's erasure reaches their subscription too). The address is compared as
 * signup compares it. The caller forgets the kept mail to the address itself.
 */
export async function eraseSubscriberWithAddress(
  trx: Kysely<Database>,
  deps: { keys: Pick<Keys, 'hashing'>; jobs: Pick<JobQueue, 'cancel'> },
  address: string,
): Promise<boolean> {
  const normal = normaliseAddress(address);
  const hash = lookupHash(deps.keys.hashing, normal.ok ? normal.email : address.trim().toLowerCase());
  const row = await trx
    .selectFrom('subscribers')
    .select('id')
    .where('email_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return false;
  await eraseSubscriberRows(trx, deps.jobs, row.id);
  return true;
}

/**
 * Deletes a subscriber with their subscriptions and consent records, and the appeal's "email me
 * a reminder" for the same address. Their past deliveries stay for the sends' counts, each under a
 * fresh random id that links to nothing (not even to each other) and without its reason, which
 * may quote the address from a mail server's reply; one not yet handed on never will be (failed),
 * so a running send still finishes.
 */
async function eraseSubscriberRows(
  trx: Kysely<Database>,
  jobs: Pick<JobQueue, 'cancel'>,
  subscriberId: string,
): Promise<void> {
  const row = await trx
    .selectFrom('subscribers')
    .select('email_hash')
    .where('id', '=', subscriberId)
    .executeTakeFirst();
  await forgetReminders(trx, jobs, row?.email_hash ?? null);
  // An unconfirmed signup's expiry job names them.
  await jobs.cancel(expireSignupJobKey(subscriberId), { trx });
  const deliveries = await trx
    .selectFrom('newsletter_deliveries')
    .select(['send_id', 'status'])
    .where('subscriber_id', '=', subscriberId)
    .execute();
  for (const d of deliveries) {
    await trx
      .updateTable('newsletter_deliveries')
      .set({
        subscriber_id: randomUUID(),
        status: d.status === 'accepted' ? 'accepted' : 'failed',
        reason: 'subscriber erased',
        claimed_by: null,
        next_attempt_at: null,
      })
      .where('send_id', '=', d.send_id)
      .where('subscriber_id', '=', subscriberId)
      .execute();
  }
  await trx.deleteFrom('consents').where('subscriber_id', '=', subscriberId).execute();
  await trx.deleteFrom('subscriptions').where('subscriber_id', '=', subscriberId).execute();
  await trx.deleteFrom('subscribers').where('id', '=', subscriberId).execute();
}
