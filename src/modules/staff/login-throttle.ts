import type { Db } from '../../db/connect.ts';
import { lookupHash } from '../../crypto/sealed-box.ts';
import { RateLimitedError } from '../../domain/errors.ts';
import { afterFailure, lockedFor, type ThrottlePolicy, type ThrottleState } from './throttle-rules.ts';

/**
 * Failed attempts in the database, so every web process counts the same failures. Keys are
 * keyed hashes ("account:<hash of the address>", "address:<hash of the IP>"): the table names no
 * one. An address without an account is counted like one with, so a lockout reveals nothing.
 */
export function createLoginThrottle(deps: { db: Db; hashingKey: Buffer }) {
  const { kysely } = deps.db;
  const keyOf = (kind: string, value: string) => `${kind}:${lookupHash(deps.hashingKey, value)}`;

  async function read(key: string): Promise<ThrottleState | undefined> {
    const row = await kysely
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row
      ? {
          failures: Number(row.failures),
          windowStartedAt: row.window_started_at,
          lockedUntil: row.locked_until,
        }
      : undefined;
  }

  return {
    keyOf,

    /** Throws RateLimitedError when any of `keys` is locked at `at`. */
    async assertOpen(keys: string[], at: Date): Promise<void> {
      let wait = 0;
      for (const key of keys) wait = Math.max(wait, lockedFor(await read(key), at));
      if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));
    },

    async fail(key: string, at: Date, policy: ThrottlePolicy): Promise<void> {
      const next = afterFailure(await read(key), at, policy);
      const values = {
        failures: next.failures,
        window_started_at: next.windowStartedAt,
        locked_until: next.lockedUntil,
      };
      await kysely
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },

    async clear(key: string): Promise<void> {
      await kysely.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
