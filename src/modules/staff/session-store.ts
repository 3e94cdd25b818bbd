import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, StaffSessionsTable } from '../../db/schema.ts';
import { lookupHash } from '../../crypto/sealed-box.ts';
import { iso } from '../../lib/time.ts';
import { sessionEnd, sessionExpired, shouldTouch, type SessionPolicy } from './session-rules.ts';

export type SessionRow = Selectable<StaffSessionsTable>;
export type SessionStage = 'pending' | 'full';
type Executor = Kysely<Database> | Transaction<Database>;

/** The cookie's token: 256 random bits; the database keeps only a keyed hash of it. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** "Firefox on Linux": enough to tell one's own sessions apart, no version or build numbers. */
export function summarizeUserAgent(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl\//i.test(ua)
            ? 'curl'
            : 'A browser';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return system ? `${browser} on ${system}` : browser;
}

/**
 * Server-side staff sessions. A session is `pending` after the password and `full` after the
 * second factor; its token lives only in the httpOnly cookie. The CSRF token is derived from the
 * session's token with the hashing key, so it needs no storage and dies with the session.
 */
export function createSessionStore(deps: { hashingKey: Buffer; policy: SessionPolicy }) {
  const hash = (token: string) => lookupHash(deps.hashingKey, `session:${token}`);
  const csrfOf = (token: string) => lookupHash(deps.hashingKey, `csrf:${token}`);
  return {
    policy: deps.policy,
    csrfOf,

    /** Whether `given` is the CSRF token of the session whose cookie token is `token`. */
    csrfMatches(token: string, given: string | undefined): boolean {
      if (!given) return false;
      const expected = Buffer.from(csrfOf(token));
      const actual = Buffer.from(given);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },

    async create(
      db: Executor,
      input: { staffId: string; stage: SessionStage; userAgent: string | undefined; at: Date },
    ): Promise<{ token: string; row: SessionRow }> {
      const token = randomBytes(32).toString('base64url');
      const row: SessionRow = {
        id: randomUUID(),
        token_hash: hash(token),
        staff_id: input.staffId,
        stage: input.stage,
        created_at: iso(input.at),
        last_seen_at: iso(input.at),
        expires_at: iso(sessionEnd(input.at, input.stage, deps.policy)),
        user_agent_summary: summarizeUserAgent(input.userAgent),
        challenge: null,
      };
      // Sessions that ended without a visit (nothing else deletes them): this account's, now.
      await db
        .deleteFrom('staff_sessions')
        .where('staff_id', '=', input.staffId)
        .where((eb) =>
          eb.or([
            eb('expires_at', '<=', iso(input.at)),
            eb('last_seen_at', '<=', iso(new Date(input.at.getTime() - deps.policy.idleMs))),
          ]),
        )
        .execute();
      await db.insertInto('staff_sessions').values(row).execute();
      return { token, row };
    },

    /**
     * The live session for a cookie's token, recording the activity (at most once a minute); an
     * expired one is deleted. A tampered or unknown token finds nothing.
     */
    async resolve(db: Executor, token: string | undefined, at: Date): Promise<SessionRow | undefined> {
      if (!token || !TOKEN.test(token)) return undefined;
      const row = await db
        .selectFrom('staff_sessions')
        .selectAll()
        .where('token_hash', '=', hash(token))
        .executeTakeFirst();
      if (!row) return undefined;
      const times = {
        stage: row.stage as SessionStage,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      };
      if (sessionExpired(times, at, deps.policy)) {
        await db.deleteFrom('staff_sessions').where('id', '=', row.id).execute();
        return undefined;
      }
      if (shouldTouch(times, at)) {
        await db
          .updateTable('staff_sessions')
          .set({ last_seen_at: iso(at) })
          .where('id', '=', row.id)
          .execute();
        row.last_seen_at = iso(at);
      }
      return row;
    },

    /**
     * Pending → full, under a new token: whoever knew the pending session's token (planted it in
     * the browser, or read it before the second factor) holds nothing once it is full. The
     * absolute end now counts from the moment the second factor was given. Undefined when the
     * session is no longer the pending one with the given token (ended, or promoted meanwhile).
     */
    async promote(
      db: Executor,
      session: { id: string; token: string },
      at: Date,
    ): Promise<{ token: string; expiresAt: string } | undefined> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = iso(sessionEnd(at, 'full', deps.policy));
      const result = await db
        .updateTable('staff_sessions')
        .set({
          token_hash: hash(token),
          stage: 'full',
          last_seen_at: iso(at),
          expires_at: expiresAt,
          challenge: null,
        })
        .where('id', '=', session.id)
        .where('token_hash', '=', hash(session.token))
        .where('stage', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? { token, expiresAt } : undefined;
    },

    async setChallenge(db: Executor, id: string, challenge: string | null): Promise<void> {
      await db.updateTable('staff_sessions').set({ challenge }).where('id', '=', id).execute();
    },

    async listFor(db: Executor, staffId: string): Promise<SessionRow[]> {
      return db
        .selectFrom('staff_sessions')
        .selectAll()
        .where('staff_id', '=', staffId)
        .orderBy('last_seen_at', 'desc')
        .execute();
    },

    /** Deletes one of the account's sessions; false when it has no such session. */
    async remove(db: Executor, staffId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('staff_sessions')
        .where('id', '=', id)
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Every session of the account (sign out everywhere, a password change, disabling). */
    async removeAll(db: Executor, staffId: string, exceptId?: string): Promise<void> {
      let query = db.deleteFrom('staff_sessions').where('staff_id', '=', staffId);
      if (exceptId) query = query.where('id', '!=', exceptId);
      await query.execute();
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
