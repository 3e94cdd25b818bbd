import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { lookupHash, open } from '../../crypto/sealed-box.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Clock } from '../../lib/time.ts';
import { can, type Actor } from '../staff/index.ts';
import { normaliseAddress } from './email-address.ts';
import { toList } from './list-rows.ts';
import { MAX_POLICY_CHARS, type PrivacyPolicy, type PrivacyPolicyStore } from './privacy-policy.ts';
import type { ListCreate, ListPatch } from './list-rules.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { eraseSubscriber } from './subscriber-erasure.ts';
import { readKeptCounts } from './kept-counts.ts';
import { exportSubscribers } from './subscriber-import.ts';
import type { NewsletterList, SubscriberDirectory, SubscriberStatus } from './subscribers.types.ts';

export interface AdminSubscriber {
  id: string;
  email: string;
  name: string | null;
  language: string;
  status: SubscriberStatus;
  suppressed_reason: string | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface AdminSubscriberDetail extends AdminSubscriber {
  suppressed_detail: string | null;
  soft_bounces: number;
  subscriptions: Array<{ list: string; status: string; since: string }>;
  consents: Array<{
    list: string | null;
    action: string;
    basis: string;
    policy_version: number;
    source: string;
    recorded_at: string;
  }>;
}

export interface SubscriberCounts {
  subscribers: Record<SubscriberStatus, number>;
  lists: Array<{ slug: string; recipients: number; by_status: Record<string, number> }>;
}

function requireManage(actor: Actor): void {
  if (!can(actor.role, 'subscribers.manage')) {
    throw new ForbiddenError(`the "${actor.role}" role may not do this (needs subscribers.manage)`);
  }
}

/** Cursor of the admin listing: newest first, keyset on (created_at, id). */
const encodeCursor = (createdAt: string, id: string) =>
  Buffer.from(`${createdAt}\n${id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('\n');
  if (!createdAt || !id) throw new ValidationError('cursor is not one this API gave', { field: 'cursor' });
  return [createdAt, id];
}

/** The Admin API's subscriber operations. Admins only: they show addresses. */
export function createSubscriberAdmin(deps: {
  db: Db;
  keys: Keys;
  jobs: Pick<JobQueue, 'cancel'>;
  mailer: Pick<Mailer, 'forget'>;
  privacy: PrivacyPolicyStore;
  directory: SubscriberDirectory;
  onListsChange: () => void;
  now?: Clock;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  const opened = (sealed: string | null) => (sealed ? open(deps.keys.encryption, sealed) : null);
  const toAdmin = (r: {
    id: string;
    email_sealed: string;
    name_sealed: string | null;
    language: string;
    status: SubscriberStatus;
    suppressed_reason: string | null;
    created_at: string;
    confirmed_at: string | null;
  }): AdminSubscriber => ({
    id: r.id,
    email: opened(r.email_sealed)!,
    name: opened(r.name_sealed),
    language: r.language,
    status: r.status,
    suppressed_reason: r.suppressed_reason,
    created_at: r.created_at,
    confirmed_at: r.confirmed_at,
  });

  async function listById(id: string): Promise<NewsletterList> {
    const row = await kysely.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('newsletter', id);
    return toList(row);
  }

  return {
    /** Newest first, a page at a time; `email` finds one address exactly (addresses are sealed). */
    async list(
      actor: Actor,
      query: { status?: SubscriberStatus; list?: string; email?: string; cursor?: string; limit: number },
    ): Promise<{ items: AdminSubscriber[]; next_cursor: string | null }> {
      requireManage(actor);
      let q = kysely
        .selectFrom('subscribers as s')
        .select([
          's.id',
          's.email_sealed',
          's.name_sealed',
          's.language',
          's.status',
          's.suppressed_reason',
          's.created_at',
          's.confirmed_at',
        ])
        .orderBy('s.created_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(query.limit + 1);
      if (query.status) q = q.where('s.status', '=', query.status);
      if (query.email !== undefined) {
        const address = normaliseAddress(query.email);
        if (!address.ok) return { items: [], next_cursor: null };
        q = q.where('s.email_hash', '=', lookupHash(deps.keys.hashing, address.email));
      }
      if (query.list) {
        const list = await kysely
          .selectFrom('newsletters')
          .select('id')
          .where((eb) => eb.or([eb('slug', '=', query.list!), eb('id', '=', query.list!)]))
          .executeTakeFirst();
        if (!list) throw new NotFoundError('newsletter', query.list);
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('subscriptions as sub')
              .select('sub.subscriber_id')
              .whereRef('sub.subscriber_id', '=', 's.id')
              .where('sub.newsletter_id', '=', list.id)
              .where('sub.status', 'in', ['active', 'paused', 'pending']),
          ),
        );
      }
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor);
        // A row comparison: both databases walk the (created_at, id) index from the cursor on.
        q = q.where((eb) => eb(eb.refTuple('s.created_at', 's.id'), '<', eb.tuple(createdAt, id)));
      }
      const rows = await q.execute();
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toAdmin),
        next_cursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },

    /**
     * Every subscriber as CSV, oldest first, in the columns `samizdat subscribers import` reads
     * back; a cell a spreadsheet would run as a formula (a name such as "=1+1") is defused.
     */
    async *csv(actor: Actor): AsyncGenerator<string> {
      requireManage(actor);
      const columns = ['email', 'name', 'language', 'status', 'lists', 'created_at', 'confirmed_at'] as const;
      yield stringify([[...columns]]);
      const defuse = { cast: { string: (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) } };
      for await (const row of exportSubscribers({ db: deps.db, keys: deps.keys })) {
        yield stringify([columns.map((c) => row[c])], defuse);
      }
    },

    /**
     * Subscribers per status, and each list's subscriptions per status: read from the counts the
     * database keeps as rows change (kept-counts.ts), a few rows whatever the lists' size.
     */
    async counts(actor: Actor): Promise<SubscriberCounts> {
      requireManage(actor);
      const kept = await readKeptCounts(deps.db);
      const lists = (await kysely.selectFrom('newsletters').selectAll().orderBy('position').execute()).map(
        toList,
      );
      const subscribers = { pending: 0, confirmed: 0, suppressed: 0 };
      const perList = new Map<string, Array<{ status: string; subscriberStatus: string; n: number }>>();
      for (const row of kept) {
        const [kind, ...rest] = row.key.split(':');
        if (kind === 's') {
          const status = rest[0] as keyof typeof subscribers;
          if (status in subscribers) subscribers[status] = row.n;
        } else if (kind === 'l' && rest.length >= 3) {
          // The list id may hold a colon; the two statuses never do.
          const subscriberStatus = rest.pop()!;
          const status = rest.pop()!;
          const listId = rest.join(':');
          const rows = perList.get(listId) ?? [];
          rows.push({ status, subscriberStatus, n: row.n });
          perList.set(listId, rows);
        }
      }
      return {
        subscribers,
        lists: lists.map((l) => {
          const by_status: Record<string, number> = { pending: 0, active: 0, paused: 0, unsubscribed: 0 };
          let recipients = 0;
          for (const row of perList.get(l.id) ?? []) {
            // A suppressed person's subscriptions count as suppressed, whatever they were.
            const key = row.subscriberStatus === 'suppressed' ? 'suppressed' : row.status;
            by_status[key] = (by_status[key] ?? 0) + row.n;
            if (row.status === 'active' && row.subscriberStatus === 'confirmed') recipients += row.n;
          }
          return { slug: l.slug, recipients, by_status };
        }),
      };
    },

    async get(actor: Actor, id: string): Promise<AdminSubscriberDetail> {
      requireManage(actor);
      const row = await kysely.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFoundError('subscriber', id);
      const slugs = new Map(
        (await kysely.selectFrom('newsletters').select(['id', 'slug']).execute()).map((l) => [l.id, l.slug]),
      );
      const subs = await kysely
        .selectFrom('subscriptions')
        .selectAll()
        .where('subscriber_id', '=', id)
        .execute();
      const consents = await kysely
        .selectFrom('consents')
        .selectAll()
        .where('subscriber_id', '=', id)
        .orderBy('recorded_at')
        .execute();
      return {
        ...toAdmin(row),
        suppressed_detail: row.suppressed_detail,
        soft_bounces: Number(row.soft_bounces),
        subscriptions: subs.map((s) => ({
          list: slugs.get(s.newsletter_id) ?? s.newsletter_id,
          status: s.status,
          since: s.created_at,
        })),
        consents: consents.map((c) => ({
          list: c.newsletter_id ? (slugs.get(c.newsletter_id) ?? c.newsletter_id) : null,
          action: c.action,
          basis: c.basis,
          policy_version: Number(c.policy_version),
          source: c.source,
          recorded_at: c.recorded_at,
        })),
      };
    },

    async suppress(actor: Actor, id: string, detail?: string): Promise<AdminSubscriberDetail> {
      requireManage(actor);
      const exists = await kysely
        .selectFrom('subscribers')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw new NotFoundError('subscriber', id);
      await deps.directory.suppress({ subscriberId: id }, 'manual', detail);
      return this.get(actor, id);
    },

    async delete(actor: Actor, id: string): Promise<void> {
      requireManage(actor);
      const exists = await kysely
        .selectFrom('subscribers')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw new NotFoundError('subscriber', id);
      await eraseSubscriber(deps, id);
    },

    async lists(actor: Actor): Promise<NewsletterList[]> {
      requireManage(actor);
      return deps.directory.lists();
    },

    async createList(actor: Actor, input: ListCreate): Promise<NewsletterList> {
      requireManage(actor);
      const taken = await kysely
        .selectFrom('newsletters')
        .select('id')
        .where('slug', '=', input.slug)
        .executeTakeFirst();
      if (taken) throw new ConflictError(`a newsletter "${input.slug}" exists`, { field: 'slug' });
      const at = now().toISOString();
      const id = `nl-${randomUUID()}`;
      const position = await kysely
        .selectFrom('newsletters')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      await kysely.transaction().execute(async (trx) => {
        if (input.is_default)
          await trx.updateTable('newsletters').set({ is_default: 0, updated_at: at }).execute();
        await trx
          .insertInto('newsletters')
          .values({
            id,
            slug: input.slug,
            name: input.name,
            description: input.description,
            language: input.language,
            kind: input.kind,
            schedule_cron: input.schedule_cron ?? (input.kind === 'digest' ? '0 9 * * 5' : null),
            signup_wording: input.signup_wording,
            position: Number(position?.p ?? 0) + 1,
            is_default: input.is_default ? 1 : 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
      });
      deps.onListsChange();
      return listById(id);
    },

    async updateList(actor: Actor, id: string, patch: ListPatch): Promise<NewsletterList> {
      requireManage(actor);
      const list = await listById(id);
      if (patch.schedule_cron && list.kind === 'breaking') {
        throw new ValidationError('breaking news goes out when an editor sends it: it has no schedule', {
          field: 'schedule_cron',
        });
      }
      const at = now().toISOString();
      await kysely.transaction().execute(async (trx) => {
        if (patch.is_default)
          await trx.updateTable('newsletters').set({ is_default: 0, updated_at: at }).execute();
        const { is_default, ...rest } = patch;
        await trx
          .updateTable('newsletters')
          .set({ ...rest, ...(is_default ? { is_default: 1 } : {}), updated_at: at })
          .where('id', '=', id)
          .execute();
      });
      deps.onListsChange();
      return listById(id);
    },

    async privacyPolicy(actor: Actor): Promise<PrivacyPolicy> {
      requireManage(actor);
      return deps.privacy.get();
    },

    async updatePrivacyPolicy(actor: Actor, text: string): Promise<PrivacyPolicy> {
      requireManage(actor);
      const clean = text.replace(/\r\n?/g, '\n').trim();
      if (clean.length === 0 || clean.length > MAX_POLICY_CHARS) {
        throw new ValidationError(`the policy needs between 1 and ${MAX_POLICY_CHARS} characters`, {
          field: 'text',
        });
      }
      const policy = await deps.privacy.update(clean);
      deps.onListsChange();
      return policy;
    },
  };
}

export type SubscriberAdmin = ReturnType<typeof createSubscriberAdmin>;
