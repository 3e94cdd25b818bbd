import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { lookupHash, open } from '../../crypto/sealed-box.ts';
import { toCount } from '../../lib/count.ts';
import type { Clock } from '../../lib/time.ts';
import { normaliseAddress } from './email-address.ts';
import { toList } from './list-rows.ts';
import { setSubscriberStatus } from './subscriber-status.ts';
import { linkKey, signToken } from './subscriber-tokens.ts';
import type { SubscriberDirectory, SubscriberRef } from './subscribers.types.ts';
import { subscriberPaths } from './subscriber-paths.ts';

export interface SubscriberDirectoryDeps {
  db: Db;
  keys: Keys;
  /** https://news.example: the links in mails are absolute. */
  siteUrl: string;
  /** The address the unsubscribe mailto: writes to (MAIL_FROM). */
  mailFrom: string;
  /** Soft bounces in a row before an address is suppressed. */
  softBounceLimit: number;
  now?: Clock;
}

/** The lists, their recipients and the suppression of addresses: what the sending engine needs. */
export function createSubscriberDirectory(deps: SubscriberDirectoryDeps): SubscriberDirectory & {
  /** Adds a digest per further site language (weekly-ru, …) when missing. */
  ensureLanguageLists(languages: readonly string[]): Promise<void>;
} {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  const signKey = linkKey(deps.keys.signing);
  const site = deps.siteUrl.replace(/\/$/, '');
  // MAIL_FROM may carry a display name ("Newsroom <desk@news.example>"): a mailto: takes the address.
  const unsubscribeAddress = /<([^<>\s]+)>\s*$/.exec(deps.mailFrom)?.[1] ?? deps.mailFrom.trim();

  async function findId(by: SubscriberRef): Promise<string | undefined> {
    if ('subscriberId' in by) return by.subscriberId;
    const address = normaliseAddress(by.email);
    if (!address.ok) return undefined;
    const row = await kysely
      .selectFrom('subscribers')
      .select('id')
      .where('email_hash', '=', lookupHash(deps.keys.hashing, address.email))
      .executeTakeFirst();
    return row?.id;
  }

  async function suppressId(id: string, reason: string, detail: string | undefined) {
    const at = now().toISOString();
    await kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('subscribers')
        .set({
          suppressed_reason: reason,
          suppressed_detail: detail?.slice(0, 500) ?? null,
          suppressed_at: at,
          confirm_expires_at: null,
        })
        .where('id', '=', id)
        .execute();
      await setSubscriberStatus(trx, id, 'suppressed', at);
    });
  }

  return {
    async lists() {
      const rows = await kysely
        .selectFrom('newsletters')
        .selectAll()
        .orderBy('position')
        .orderBy('slug')
        .execute();
      return rows.map(toList);
    },

    async listBySlug(slug) {
      const row = await kysely
        .selectFrom('newsletters')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toList(row);
    },

    async recipients(listId, page) {
      let query = kysely
        .selectFrom('subscriptions as sub')
        .innerJoin('subscribers as s', 's.id', 'sub.subscriber_id')
        .select(['s.id', 's.email_sealed', 's.name_sealed', 's.language'])
        .where('sub.newsletter_id', '=', listId)
        .where('sub.status', '=', 'active')
        .where('sub.subscriber_status', '=', 'confirmed')
        // The mirror can lag only inside a transaction; the subscriber's own status decides.
        .where('s.status', '=', 'confirmed')
        .orderBy('sub.subscriber_id')
        .limit(Math.max(1, Math.min(page.limit, 10_000)));
      if (page.afterSubscriberId !== undefined)
        query = query.where('sub.subscriber_id', '>', page.afterSubscriberId);
      const rows = await query.execute();
      return rows.map((r) => ({
        subscriberId: r.id,
        email: open(deps.keys.encryption, r.email_sealed),
        name: r.name_sealed ? open(deps.keys.encryption, r.name_sealed) : null,
        language: r.language,
      }));
    },

    async countRecipients(listId) {
      const row = await kysely
        .selectFrom('subscriptions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('newsletter_id', '=', listId)
        .where('status', '=', 'active')
        .where('subscriber_status', '=', 'confirmed')
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    async everyRecipient(page) {
      let query = kysely
        .selectFrom('subscribers as s')
        .select(['s.id', 's.email_sealed', 's.name_sealed', 's.language'])
        .where('s.status', '=', 'confirmed')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('subscriptions as sub')
              .select('sub.subscriber_id')
              .whereRef('sub.subscriber_id', '=', 's.id')
              .where('sub.status', '=', 'active'),
          ),
        )
        .orderBy('s.id')
        .limit(Math.max(1, Math.min(page.limit, 10_000)));
      if (page.afterSubscriberId !== undefined) query = query.where('s.id', '>', page.afterSubscriberId);
      const rows = await query.execute();
      if (rows.length === 0) return [];
      const memberships = await kysely
        .selectFrom('subscriptions as sub')
        .innerJoin('newsletters as n', 'n.id', 'sub.newsletter_id')
        .select(['sub.subscriber_id', 'sub.newsletter_id'])
        .where(
          'sub.subscriber_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('sub.status', '=', 'active')
        .orderBy('n.position')
        .orderBy('n.slug')
        .execute();
      const listsOf = new Map<string, string[]>();
      for (const m of memberships)
        listsOf.set(m.subscriber_id, [...(listsOf.get(m.subscriber_id) ?? []), m.newsletter_id]);
      return rows.map((r) => ({
        subscriberId: r.id,
        email: open(deps.keys.encryption, r.email_sealed),
        name: r.name_sealed ? open(deps.keys.encryption, r.name_sealed) : null,
        language: r.language,
        listIds: listsOf.get(r.id) ?? [],
      }));
    },

    async countEveryRecipient() {
      const row = await kysely
        .selectFrom('subscribers as s')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('s.status', '=', 'confirmed')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('subscriptions as sub')
              .select('sub.subscriber_id')
              .whereRef('sub.subscriber_id', '=', 's.id')
              .where('sub.status', '=', 'active'),
          ),
        )
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    links(subscriberId, listId) {
      const unsubscribe = signToken(signKey, { purpose: 'unsubscribe', subscriberId, listId });
      const preferences = signToken(signKey, { purpose: 'preferences', subscriberId });
      return {
        preferencesUrl: `${site}${subscriberPaths.preferences(preferences)}`,
        unsubscribeUrl: `${site}${subscriberPaths.unsubscribe(unsubscribe)}`,
        unsubscribeMailto: `mailto:${unsubscribeAddress}?subject=${encodeURIComponent(`unsubscribe ${unsubscribe}`)}`,
      };
    },

    async suppress(by, reason, detail) {
      const id = await findId(by);
      if (id) await suppressId(id, reason, detail);
    },

    async recordSoftBounce(by, detail) {
      const id = await findId(by);
      if (!id) return;
      const row = await kysely
        .updateTable('subscribers')
        .set((eb) => ({ soft_bounces: eb('soft_bounces', '+', 1), updated_at: now().toISOString() }))
        .where('id', '=', id)
        .returning(['soft_bounces', 'status'])
        .executeTakeFirst();
      if (row && row.status !== 'suppressed' && Number(row.soft_bounces) >= deps.softBounceLimit) {
        await suppressId(id, 'soft-bounces', detail);
      }
    },

    async ensureLanguageLists(languages) {
      const at = now().toISOString();
      const existing = await kysely.selectFrom('newsletters').select(['slug', 'position']).execute();
      let position = Math.max(1, ...existing.map((r) => Number(r.position)));
      for (const language of languages) {
        const slug = `weekly-${language}`;
        if (existing.some((r) => r.slug === slug)) continue;
        await kysely
          .insertInto('newsletters')
          .values({
            id: `nl-${randomUUID()}`,
            slug,
            name: `Weekly digest (${language})`,
            description: '',
            language,
            kind: 'digest',
            schedule_cron: '0 9 * * 5',
            signup_wording: '',
            position: ++position,
            is_default: 0,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
      }
    },
  };
}
