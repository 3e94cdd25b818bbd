import { randomUUID } from 'node:crypto';
import type { MailEvent } from '../../adapters/mail/index.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { lookupHash } from '../../crypto/sealed-box.ts';
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../lib/time.ts';
import { normaliseAddress } from './email-address.ts';
import type { PrivacyPolicyStore } from './privacy-policy.ts';
import { setSubscriberStatus } from './subscriber-status.ts';

export type MailEventOutcome = 'applied' | 'duplicate' | 'unknown-address';

export interface MailEvents {
  /** Takes bounces and complaints in, each once: a replay of a recorded event changes nothing. */
  take(events: readonly MailEvent[]): Promise<MailEventOutcome[]>;
}

/**
 * What a bounce or complaint does to a subscriber. A hard bounce suppresses the address; a soft
 * bounce counts, and the NEWSLETTER_SOFT_BOUNCE_LIMIT-th in a row suppresses it (a confirmation
 * resets the count); a complaint unsubscribes the person from every list (consent withdrawn,
 * basis "complaint") and suppresses the address. The event id is recorded in the same
 * transaction, so an event is applied exactly once, however often the provider sends it.
 */
export function createMailEvents(deps: {
  db: Db;
  keys: Keys;
  privacy: PrivacyPolicyStore;
  softBounceLimit: number;
  now?: Clock;
}): MailEvents {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());

  async function takeOne(event: MailEvent): Promise<MailEventOutcome> {
    const at = now().toISOString();
    const address = normaliseAddress(event.email);
    const hash = address.ok ? lookupHash(deps.keys.hashing, address.email) : undefined;
    const policyVersion = event.type === 'complaint' ? (await deps.privacy.get()).version : 0;
    return kysely.transaction().execute(async (trx) => {
      const recorded = await trx
        .insertInto('mail_events')
        .values({ id: event.id.slice(0, 400), kind: event.type, received_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(recorded.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate';
      const row = hash
        ? await trx
            .selectFrom('subscribers')
            .select(['id', 'status', 'soft_bounces'])
            .where('email_hash', '=', hash)
            .executeTakeFirst()
        : undefined;
      if (!row) return 'unknown-address';
      const detail = event.detail?.slice(0, 500) ?? null;
      const suppress = async (reason: string) => {
        if (row.status === 'suppressed') return;
        await trx
          .updateTable('subscribers')
          .set({
            suppressed_reason: reason,
            suppressed_detail: detail,
            suppressed_at: at,
            confirm_expires_at: null,
          })
          .where('id', '=', row.id)
          .execute();
        await setSubscriberStatus(trx, row.id, 'suppressed', at);
      };
      if (event.type === 'hard') await suppress('hard-bounce');
      if (event.type === 'soft') {
        const counted = Number(row.soft_bounces) + 1;
        await trx
          .updateTable('subscribers')
          .set({ soft_bounces: counted, updated_at: at })
          .where('id', '=', row.id)
          .execute();
        if (counted >= deps.softBounceLimit) await suppress('soft-bounces');
      }
      if (event.type === 'complaint') {
        const lists = await trx
          .selectFrom('subscriptions')
          .select('newsletter_id')
          .where('subscriber_id', '=', row.id)
          .where('status', '!=', 'unsubscribed')
          .execute();
        if (lists.length) {
          await trx
            .updateTable('subscriptions')
            .set({ status: 'unsubscribed', updated_at: at })
            .where('subscriber_id', '=', row.id)
            .execute();
          await trx
            .insertInto('consents')
            .values(
              lists.map((l) => ({
                id: randomUUID(),
                subscriber_id: row.id,
                newsletter_id: l.newsletter_id,
                action: 'withdrawn' as const,
                basis: 'complaint',
                policy_version: policyVersion,
                source: 'mail-complaint',
                recorded_at: at,
              })),
            )
            .execute();
        }
        await suppress('complaint');
      }
      return 'applied';
    });
  }

  return {
    async take(events) {
      const outcomes: MailEventOutcome[] = [];
      for (const event of events) outcomes.push(await takeOne(event));
      return outcomes;
    },
  };
}
