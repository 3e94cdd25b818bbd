import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { lookupHash } from '../../crypto/sealed-box.ts';
import type { Clock } from '../../lib/time.ts';
import { decide, type RateLimitDecision, type RateLimitPolicy } from './rate-limit-rules.ts';

/**
 * Counters in the database, so every process counts the same hits. A key is the policy's name and
 * a keyed hash of what is counted (an address range, a target address): the table names no one.
 * One statement increments or restarts a counter, so concurrent hits are all counted.
 */
export interface RateLimits {
  /** Counts one hit of `subject` under `policy` and says whether it is within the limit. */
  hit(policy: RateLimitPolicy, subject: string): Promise<RateLimitDecision>;
  /** Forgets a subject's count (e.g. after a success that should not count). */
  reset(policy: RateLimitPolicy, subject: string): Promise<void>;
  /** Deletes counters whose window ended; returns how many. */
  sweep(): Promise<number>;
  /** The stored key for a subject (tests). */
  keyOf(policy: RateLimitPolicy, subject: string): string;
}

export function createRateLimits(deps: { db: Db; hashingKey: Buffer; now?: Clock }): RateLimits {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  const keyOf = (policy: RateLimitPolicy, subject: string) =>
    `${policy.name}:${lookupHash(deps.hashingKey, `rate-limit\0${policy.name}\0${subject}`)}`;
  let hitsSinceSweep = 0;

  async function sweep(): Promise<number> {
    const result = await kysely
      .deleteFrom('rate_limit_counters')
      .where('expires_at', '<=', now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    keyOf,
    sweep,
    async hit(policy, subject) {
      const at = now();
      const key = keyOf(policy, subject);
      const started = at.toISOString();
      const expires = new Date(at.getTime() + policy.windowMs).toISOString();
      // A window that began at or before this instant minus its length is over: restart it.
      const cutoff = new Date(at.getTime() - policy.windowMs).toISOString();
      const row = await kysely
        .insertInto('rate_limit_counters')
        .values({ key, hits: 1, window_started_at: started, expires_at: expires })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`CASE WHEN rate_limit_counters.window_started_at <= ${cutoff} THEN 1 ELSE rate_limit_counters.hits + 1 END`,
            window_started_at: sql<string>`CASE WHEN rate_limit_counters.window_started_at <= ${cutoff} THEN ${started} ELSE rate_limit_counters.window_started_at END`,
            expires_at: sql<string>`CASE WHEN rate_limit_counters.window_started_at <= ${cutoff} THEN ${expires} ELSE rate_limit_counters.expires_at END`,
          }),
        )
        .returning(['hits', 'window_started_at'])
        .executeTakeFirstOrThrow();
      // Now and then, drop counters nobody needs: the table stays the size of the current windows.
      if (++hitsSinceSweep >= 500) {
        hitsSinceSweep = 0;
        await sweep();
      }
      return decide({ hits: Number(row.hits), windowStartedAt: row.window_started_at }, at, policy);
    },
    async reset(policy, subject) {
      await kysely.deleteFrom('rate_limit_counters').where('key', '=', keyOf(policy, subject)).execute();
    },
  };
}
