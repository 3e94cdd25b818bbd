import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { open } from '../../crypto/sealed-box.ts';
import type { Clock } from '../../lib/time.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { eraseSubscriber } from './subscriber-erasure.ts';
import { toList } from './list-rows.ts';
import type { PrivacyPolicyStore } from './privacy-policy.ts';
import { linkKey, signToken, verifyToken } from './subscriber-tokens.ts';
import type { NewsletterList, SubscriptionStatus } from './subscribers.types.ts';

/** What the preferences page shows the holder of the link. */
export interface PreferencesView {
  /** The token to post changes with (the same link). */
  token: string;
  email: string;
  paused: boolean;
  lists: Array<NewsletterList & { subscribed: boolean }>;
}

export interface SubscriberDataExport {
  email: string;
  name: string | null;
  language: string;
  status: string;
  createdAt: string;
  confirmedAt: string | null;
  subscriptions: Array<{ list: string; status: SubscriptionStatus; since: string }>;
  consents: Array<{
    list: string | null;
    action: string;
    basis: string;
    policyVersion: number;
    source: string;
    recordedAt: string;
  }>;
}

/**
 * Everything a subscriber does from a signed link, no password: change lists, pause, unsubscribe
 * (the page's button and RFC 8058 one-click), download their data, erase themselves. An invalid,
 * tampered or unknown token gets `undefined`/false and changes nothing.
 */
export function createSubscriberPreferences(deps: {
  db: Db;
  keys: Keys;
  jobs: Pick<JobQueue, 'cancel'>;
  mailer: Pick<Mailer, 'forget'>;
  privacy: PrivacyPolicyStore;
  now?: Clock;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  const signKey = linkKey(deps.keys.signing);

  /** The subscriber a preferences token names, if it still exists and may use it. */
  async function holder(token: string) {
    const check = verifyToken(signKey, token, 'preferences', now());
    if (!check.ok) return undefined;
    const row = await kysely
      .selectFrom('subscribers')
      .selectAll()
      .where('id', '=', check.claims.subscriberId)
      .executeTakeFirst();
    return row && row.status !== 'suppressed' ? row : undefined;
  }

  async function withdraw(subscriberId: string, listIds: string[], basis: string, source: string) {
    if (listIds.length === 0) return;
    const at = now().toISOString();
    const policy = await deps.privacy.get();
    await kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('subscriptions')
        .set({ status: 'unsubscribed', updated_at: at })
        .where('subscriber_id', '=', subscriberId)
        .where('newsletter_id', 'in', listIds)
        .execute();
      await trx
        .insertInto('consents')
        .values(
          listIds.map((newsletter_id) => ({
            id: randomUUID(),
            subscriber_id: subscriberId,
            newsletter_id,
            action: 'withdrawn' as const,
            basis,
            policy_version: policy.version,
            source,
            recorded_at: at,
          })),
        )
        .execute();
    });
  }

  return {
    async view(token: string): Promise<PreferencesView | undefined> {
      const row = await holder(token);
      if (!row) return undefined;
      const lists = (await kysely.selectFrom('newsletters').selectAll().orderBy('position').execute()).map(
        toList,
      );
      const subs = await kysely
        .selectFrom('subscriptions')
        .selectAll()
        .where('subscriber_id', '=', row.id)
        .execute();
      const live = subs.filter((s) => s.status === 'active' || s.status === 'paused');
      return {
        token,
        email: open(deps.keys.encryption, row.email_sealed),
        paused: live.length > 0 && live.every((s) => s.status === 'paused'),
        lists: lists.map((l) => ({ ...l, subscribed: live.some((s) => s.newsletter_id === l.id) })),
      };
    },

    /** The lists to receive (any others are left) and whether sending is paused. */
    async update(token: string, change: { lists: string[]; paused: boolean }): Promise<boolean> {
      const row = await holder(token);
      if (!row || row.status !== 'confirmed') return false;
      const lists = (await kysely.selectFrom('newsletters').selectAll().execute()).map(toList);
      const wanted = lists.filter((l) => change.lists.includes(l.id) || change.lists.includes(l.slug));
      const subs = await kysely
        .selectFrom('subscriptions')
        .selectAll()
        .where('subscriber_id', '=', row.id)
        .execute();
      const live = (s: (typeof subs)[number]) => s.status === 'active' || s.status === 'paused';
      const leaving = subs.filter((s) => live(s) && !wanted.some((l) => l.id === s.newsletter_id));
      await withdraw(
        row.id,
        leaving.map((s) => s.newsletter_id),
        'preferences',
        '/newsletter/preferences',
      );
      const at = now().toISOString();
      const policy = await deps.privacy.get();
      const status = change.paused ? 'paused' : 'active';
      await kysely.transaction().execute(async (trx) => {
        for (const list of wanted) {
          const existing = subs.find((s) => s.newsletter_id === list.id);
          if (existing) {
            await trx
              .updateTable('subscriptions')
              .set({ status, updated_at: at })
              .where('subscriber_id', '=', row.id)
              .where('newsletter_id', '=', list.id)
              .execute();
          } else {
            await trx
              .insertInto('subscriptions')
              .values({
                newsletter_id: list.id,
                subscriber_id: row.id,
                status,
                subscriber_status: row.status,
                created_at: at,
                updated_at: at,
              })
              .execute();
          }
          if (!existing || !live(existing)) {
            await trx
              .insertInto('consents')
              .values({
                id: randomUUID(),
                subscriber_id: row.id,
                newsletter_id: list.id,
                action: 'granted',
                basis: 'preferences',
                policy_version: policy.version,
                source: '/newsletter/preferences',
                recorded_at: at,
              })
              .execute();
          }
        }
      });
      return true;
    },

    /**
     * An unsubscribe link (per list, in every mail): leaves that list. Idempotent; an unknown or
     * tampered token changes nothing. Returns the preferences token for the page after.
     */
    async unsubscribe(token: string, source: 'page' | 'one-click' | 'mailto'): Promise<string | undefined> {
      const check = verifyToken(signKey, token, 'unsubscribe', now());
      if (!check.ok || !check.claims.listId) return undefined;
      const { subscriberId, listId } = check.claims;
      const sub = await kysely
        .selectFrom('subscriptions')
        .select('status')
        .where('subscriber_id', '=', subscriberId)
        .where('newsletter_id', '=', listId)
        .executeTakeFirst();
      if (!sub) {
        const exists = await kysely
          .selectFrom('subscribers')
          .select('id')
          .where('id', '=', subscriberId)
          .executeTakeFirst();
        if (!exists) return undefined;
      } else if (sub.status !== 'unsubscribed') {
        await withdraw(
          subscriberId,
          [listId],
          source === 'page' ? 'unsubscribe' : source,
          source === 'mailto' ? 'mailto' : '/newsletter/unsubscribe',
        );
      }
      return signToken(signKey, { purpose: 'preferences', subscriberId });
    },

    /** The list an unsubscribe token is for (the page names it), if the token is good. */
    async unsubscribeTarget(token: string): Promise<NewsletterList | undefined> {
      const check = verifyToken(signKey, token, 'unsubscribe', now());
      if (!check.ok || !check.claims.listId) return undefined;
      const exists = await kysely
        .selectFrom('subscribers')
        .select('id')
        .where('id', '=', check.claims.subscriberId)
        .executeTakeFirst();
      if (!exists) return undefined;
      const row = await kysely
        .selectFrom('newsletters')
        .selectAll()
        .where('id', '=', check.claims.listId)
        .executeTakeFirst();
      return row && toList(row);
    },

    /** Everything we keep about the holder of the link. */
    async exportData(token: string): Promise<SubscriberDataExport | undefined> {
      const row = await holder(token);
      if (!row) return undefined;
      const lists = new Map(
        (await kysely.selectFrom('newsletters').select(['id', 'slug']).execute()).map((l) => [l.id, l.slug]),
      );
      const subs = await kysely
        .selectFrom('subscriptions')
        .selectAll()
        .where('subscriber_id', '=', row.id)
        .execute();
      const consents = await kysely
        .selectFrom('consents')
        .selectAll()
        .where('subscriber_id', '=', row.id)
        .orderBy('recorded_at')
        .execute();
      return {
        email: open(deps.keys.encryption, row.email_sealed),
        name: row.name_sealed ? open(deps.keys.encryption, row.name_sealed) : null,
        language: row.language,
        status: row.status,
        createdAt: row.created_at,
        confirmedAt: row.confirmed_at,
        subscriptions: subs.map((s) => ({
          list: lists.get(s.newsletter_id) ?? s.newsletter_id,
          status: s.status,
          since: s.created_at,
        })),
        consents: consents.map((c) => ({
          list: c.newsletter_id ? (lists.get(c.newsletter_id) ?? c.newsletter_id) : null,
          action: c.action,
          basis: c.basis,
          policyVersion: Number(c.policy_version),
          source: c.source,
          recordedAt: c.recorded_at,
        })),
      };
    },

    /** Deletes every row about the holder of the link. Nothing about them is kept. */
    async erase(token: string): Promise<boolean> {
      const row = await holder(token);
      if (!row) return false;
      await eraseSubscriber(deps, row.id);
      return true;
    },
  };
}

export type SubscriberPreferences = ReturnType<typeof createSubscriberPreferences>;
