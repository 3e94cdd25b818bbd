import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { lookupHash, newToken } from '../../crypto/sealed-box.ts';
import { toCount } from '../../lib/count.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';

const FIRST_OWNER_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The one-time link that lets the first person create the owner account. Only its hash is
 * stored. While no staff account exists, each start issues a fresh link (older ones expire).
 */
export function createSetupTokenService(deps: { db: Db; hashingKey: Buffer; now?: Clock }) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;
  return {
    async needsFirstOwner(): Promise<boolean> {
      const row = await kysely
        .selectFrom('staff_users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n) === 0;
    },

    async issueFirstOwnerToken(): Promise<string> {
      const token = newToken('setup');
      const at = now();
      await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('setup_tokens')
          .set({ expires_at: iso(at) })
          .where('purpose', '=', 'first-owner')
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('setup_tokens')
          .values({
            id: randomUUID(),
            token_hash: lookupHash(deps.hashingKey, token),
            purpose: 'first-owner',
            created_at: iso(at),
            expires_at: iso(new Date(at.getTime() + FIRST_OWNER_TTL_MS)),
            used_at: null,
          })
          .execute();
      });
      return token;
    },

    /** True when the token is a live first-owner token (the admin's setup screen calls this). */
    async isValid(token: string): Promise<boolean> {
      const row = await kysely
        .selectFrom('setup_tokens')
        .select(['expires_at', 'used_at'])
        .where('token_hash', '=', lookupHash(deps.hashingKey, token))
        .executeTakeFirst();
      return !!row && row.used_at === null && row.expires_at > iso(now());
    },
  };
}

export type SetupTokenService = ReturnType<typeof createSetupTokenService>;
