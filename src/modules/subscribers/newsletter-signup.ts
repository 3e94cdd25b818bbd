import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Mailer } from '../../adapters/mail/index.ts';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { lookupHash, seal } from '../../crypto/sealed-box.ts';
import type { Clock } from '../../lib/time.ts';
import { addressRange, type RateLimitPolicy, type RateLimits } from '../rate-limits/index.ts';
import { cleanSubscriberName, normaliseAddress, type AddressProblem } from './email-address.ts';
import { toList } from './list-rows.ts';
import type { PrivacyPolicyStore } from './privacy-policy.ts';
import { confirmationMail } from './subscriber-mail.ts';
import { subscriberPaths } from './subscriber-paths.ts';
import { setSubscriberStatus } from './subscriber-status.ts';
import { linkKey, signToken, verifyToken } from './subscriber-tokens.ts';
import type { NewsletterList } from './subscribers.types.ts';

/** The job that deletes an unconfirmed signup once its link expired. */
export const expireSignupJobKey = (subscriberId: string) => `subscribers:expire:${subscriberId}`;

export const EXPIRE_SIGNUP_TASK = 'subscribers.expire-signup';

/** Signups from one address range (IPv4 /24, IPv6 /48): a newsroom's office may share one. */
export const SIGNUP_RANGE_LIMIT: RateLimitPolicy = { name: 'nl-signup-range', limit: 20, windowMs: 3600_000 };
/** Confirmation mails to one address: nobody floods someone's inbox through our form. */
export const SIGNUP_TARGET_LIMIT: RateLimitPolicy = {
  name: 'nl-signup-target',
  limit: 3,
  windowMs: 24 * 3600_000,
};

export interface SignupInput {
  email: string;
  name?: string | undefined;
  /** List ids or slugs the reader ticked. */
  lists: string[];
  /** The page the form was on (a path). */
  source: string;
  language: string;
  /** The honeypot field: people leave it empty. */
  honeypot?: string | undefined;
  clientAddress: string;
}

/**
 * What the reader is told. 'accepted' is said whether the address was new, pending, confirmed or
 * suppressed, and whether a mail actually went out: the answer reveals nothing.
 */
export type SignupOutcome =
  | { kind: 'accepted' }
  | { kind: 'invalid-address'; problem: AddressProblem }
  | { kind: 'no-list' }
  | { kind: 'rate-limited'; retryAfterSeconds: number };

export type ConfirmOutcome = { kind: 'confirmed'; preferencesToken: string } | { kind: 'invalid' };

export interface NewsletterSignupDeps {
  db: Db;
  keys: Keys;
  mailer: Mailer;
  jobs: Pick<JobQueue, 'enqueue'>;
  rateLimits: RateLimits;
  privacy: PrivacyPolicyStore;
  siteUrl: string;
  publicationName: () => string;
  confirmHours: number;
  now?: Clock;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/** Signup with recorded consent and double opt-in. */
export function createNewsletterSignup(deps: NewsletterSignupDeps) {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  const signKey = linkKey(deps.keys.signing);
  const site = deps.siteUrl.replace(/\/$/, '');
  const log = deps.log ?? (() => {});

  async function chosenLists(wanted: string[]): Promise<NewsletterList[]> {
    if (wanted.length === 0) return [];
    const rows = await kysely.selectFrom('newsletters').selectAll().execute();
    return rows.map(toList).filter((l) => wanted.includes(l.id) || wanted.includes(l.slug));
  }

  async function recordConsents(
    trx: Kysely<Database>,
    subscriberId: string,
    listIds: string[],
    consent: {
      action: 'granted' | 'withdrawn';
      basis: string;
      source: string;
      policyVersion: number;
      at: string;
    },
  ) {
    if (listIds.length === 0) return;
    await trx
      .insertInto('consents')
      .values(
        listIds.map((newsletter_id) => ({
          id: randomUUID(),
          subscriber_id: subscriberId,
          newsletter_id,
          action: consent.action,
          basis: consent.basis,
          policy_version: consent.policyVersion,
          source: consent.source.slice(0, 300),
          recorded_at: consent.at,
        })),
      )
      .execute();
  }

  return {
    async signup(input: SignupInput): Promise<SignupOutcome> {
      const range = await deps.rateLimits.hit(SIGNUP_RANGE_LIMIT, addressRange(input.clientAddress));
      if (!range.allowed)
        return { kind: 'rate-limited', retryAfterSeconds: Math.ceil(range.retryAfterMs / 1000) };
      const address = normaliseAddress(input.email);
      if (!address.ok) return { kind: 'invalid-address', problem: address.problem };
      const lists = await chosenLists(input.lists);
      if (lists.length === 0) return { kind: 'no-list' };
      // A bot filled the field people cannot see: tell it what people are told, do nothing.
      if (input.honeypot) return { kind: 'accepted' };
      // Over the per-address limit: the same answer, no mail (the limit is about mail, not about who exists).
      const target = await deps.rateLimits.hit(SIGNUP_TARGET_LIMIT, address.email);
      if (!target.allowed) return { kind: 'accepted' };

      const at = now();
      const atIso = at.toISOString();
      const expires = new Date(at.getTime() + deps.confirmHours * 3600_000);
      const policy = await deps.privacy.get();
      const hash = lookupHash(deps.keys.hashing, address.email);
      const name = cleanSubscriberName(input.name);
      const language = input.language.slice(0, 16) || 'en';
      const source = input.source.startsWith('/') ? input.source : '/';

      const mailTo = await kysely.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('subscribers')
          .selectAll()
          .where('email_hash', '=', hash)
          .executeTakeFirst();
        if (existing?.status === 'suppressed') return undefined;
        let id: string;
        let version: number;
        if (!existing) {
          id = randomUUID();
          version = 1;
          await trx
            .insertInto('subscribers')
            .values({
              id,
              email_sealed: seal(deps.keys.encryption, address.email),
              email_hash: hash,
              name_sealed: name ? seal(deps.keys.encryption, name) : null,
              language,
              status: 'pending',
              suppressed_reason: null,
              suppressed_detail: null,
              suppressed_at: null,
              soft_bounces: 0,
              link_version: version,
              created_at: atIso,
              confirmed_at: null,
              confirm_expires_at: expires.toISOString(),
              updated_at: atIso,
            })
            .execute();
        } else {
          id = existing.id;
          version = Number(existing.link_version) + 1;
          await trx
            .updateTable('subscribers')
            .set({
              link_version: version,
              updated_at: atIso,
              ...(existing.status === 'pending' ? { confirm_expires_at: expires.toISOString() } : {}),
            })
            .where('id', '=', id)
            .execute();
        }
        const status = existing?.status ?? 'pending';
        const current = await trx
          .selectFrom('subscriptions')
          .select(['newsletter_id', 'status'])
          .where('subscriber_id', '=', id)
          .execute();
        // Lists asked for wait for the confirmation link; lists already active stay so.
        const asked = lists.filter(
          (l) => !current.some((c) => c.newsletter_id === l.id && c.status === 'active'),
        );
        for (const list of asked) {
          const values = { status: 'pending' as const, subscriber_status: status, updated_at: atIso };
          if (current.some((c) => c.newsletter_id === list.id)) {
            await trx
              .updateTable('subscriptions')
              .set(values)
              .where('subscriber_id', '=', id)
              .where('newsletter_id', '=', list.id)
              .execute();
          } else {
            await trx
              .insertInto('subscriptions')
              .values({ newsletter_id: list.id, subscriber_id: id, created_at: atIso, ...values })
              .execute();
          }
        }
        await recordConsents(
          trx,
          id,
          asked.map((l) => l.id),
          { action: 'granted', basis: 'signup', source, policyVersion: policy.version, at: atIso },
        );
        await deps.jobs.enqueue(
          EXPIRE_SIGNUP_TASK,
          { subscriberId: id },
          { runAt: new Date(expires.getTime() + 1000), key: expireSignupJobKey(id), trx },
        );
        return { id, version, language: existing?.language ?? language };
      });
      if (!mailTo) return { kind: 'accepted' };
      const token = signToken(signKey, {
        purpose: 'confirm',
        subscriberId: mailTo.id,
        version: mailTo.version,
        expiresAt: expires.getTime(),
      });
      const mail = confirmationMail({
        publication: deps.publicationName(),
        url: `${site}${subscriberPaths.confirm(token)}`,
        hours: deps.confirmHours,
        language: mailTo.language,
      });
      try {
        await deps.mailer.send({ to: address.email, ...mail });
      } catch (error) {
        // The address is never logged; the subscriber id is enough to look into it.
        log('error', 'could not send a newsletter confirmation', {
          subscriber: mailTo.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return { kind: 'accepted' };
    },

    /** The confirmation link: activates the lists asked for. A second click changes nothing. */
    async confirm(token: string): Promise<ConfirmOutcome> {
      const at = now();
      const check = verifyToken(signKey, token, 'confirm', at);
      if (!check.ok) return { kind: 'invalid' };
      const { subscriberId, version } = check.claims;
      const done = await kysely.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('subscribers')
          .selectAll()
          .where('id', '=', subscriberId)
          .executeTakeFirst();
        if (!row || row.status === 'suppressed' || Number(row.link_version) !== version) return false;
        const atIso = at.toISOString();
        if (row.status === 'pending') {
          await trx
            .updateTable('subscribers')
            .set({ confirmed_at: atIso, confirm_expires_at: null, soft_bounces: 0 })
            .where('id', '=', subscriberId)
            .execute();
          await setSubscriberStatus(trx, subscriberId, 'confirmed', atIso);
        }
        await trx
          .updateTable('subscriptions')
          .set({ status: 'active', updated_at: atIso })
          .where('subscriber_id', '=', subscriberId)
          .where('status', '=', 'pending')
          .execute();
        return true;
      });
      if (!done) return { kind: 'invalid' };
      return {
        kind: 'confirmed',
        preferencesToken: signToken(signKey, { purpose: 'preferences', subscriberId }),
      };
    },

    /**
     * Deletes a signup still unconfirmed after its link expired, and requests for further lists
     * nobody confirmed. Idempotent: a confirmed subscriber or a later signup's fresh expiry stays.
     */
    async expire(subscriberId?: string): Promise<number> {
      const atIso = now().toISOString();
      const cutoff = new Date(now().getTime() - deps.confirmHours * 3600_000).toISOString();
      return kysely.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('subscribers')
          .select('id')
          .where('status', '=', 'pending')
          .where('confirm_expires_at', '<=', atIso);
        if (subscriberId) query = query.where('id', '=', subscriberId);
        const ids = (await query.limit(1000).execute()).map((r) => r.id);
        if (ids.length > 0) {
          await trx.deleteFrom('consents').where('subscriber_id', 'in', ids).execute();
          await trx.deleteFrom('subscriptions').where('subscriber_id', 'in', ids).execute();
          await trx.deleteFrom('subscribers').where('id', 'in', ids).execute();
        }
        let stale = trx
          .deleteFrom('subscriptions')
          .where('status', '=', 'pending')
          .where('updated_at', '<=', cutoff);
        if (subscriberId) stale = stale.where('subscriber_id', '=', subscriberId);
        await stale.execute();
        return ids.length;
      });
    },
  };
}

export type NewsletterSignup = ReturnType<typeof createNewsletterSignup>;
