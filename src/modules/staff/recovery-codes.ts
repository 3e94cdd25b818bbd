import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { lookupHash } from '../../crypto/sealed-box.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { iso } from '../../lib/time.ts';

type Executor = Kysely<Database> | Transaction<Database>;
export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: the codes are read off paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** "k7m2q-9xw4r": 10 characters from 31 (about 50 bits), in two groups. */
function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** As typed: case, spaces and dashes do not matter. */
const normalize = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');

/**
 * Ten one-time codes for a lost phone. Only keyed hashes are stored; each works once. After a
 * key rotation, codes hashed under a previous key still work (like API keys).
 */
export function createRecoveryCodes(keys: Pick<Keys, 'hashing' | 'previousHashing'>) {
  const hashes = (code: string) =>
    [keys.hashing, ...keys.previousHashing].map((key) => lookupHash(key, normalize(code)));
  return {
    /** Replaces the account's codes with ten new ones and answers them (shown once). */
    async replace(db: Executor, staffId: string, at: Date): Promise<string[]> {
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
      await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
      await db
        .insertInto('staff_recovery_codes')
        .values(
          codes.map((code) => ({
            id: randomUUID(),
            staff_id: staffId,
            code_hash: lookupHash(keys.hashing, normalize(code)),
            created_at: iso(at),
            used_at: null,
          })),
        )
        .execute();
      return codes;
    },

    /** Uses the code if it is one of the account's unused ones; true when it was. */
    async use(db: Executor, staffId: string, code: string, at: Date): Promise<boolean> {
      if (typeof code !== 'string' || code.length > 64 || normalize(code).length !== 10) return false;
      const result = await db
        .updateTable('staff_recovery_codes')
        .set({ used_at: iso(at) })
        .where('staff_id', '=', staffId)
        .where('code_hash', 'in', hashes(code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async remaining(db: Executor, staffId: string): Promise<number> {
      const rows = await db
        .selectFrom('staff_recovery_codes')
        .select('id')
        .where('staff_id', '=', staffId)
        .where('used_at', 'is', null)
        .execute();
      return rows.length;
    },

    async clear(db: Executor, staffId: string): Promise<void> {
      await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
    },
  };
}

export type RecoveryCodes = ReturnType<typeof createRecoveryCodes>;
