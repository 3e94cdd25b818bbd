import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SetupTokensTable } from '../../db/schema.ts';
import { lookupHash, newToken } from '../../crypto/sealed-box.ts';
import { iso } from '../../lib/time.ts';

export type LinkPurpose = 'first-owner' | 'invite' | 'reset';
export type LinkRow = Selectable<SetupTokensTable>;
type Executor = Kysely<Database> | Transaction<Database>;

export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  'first-owner': 24 * 3600_000,
  invite: 7 * 24 * 3600_000,
  reset: 3600_000,
};

const PREFIX: Record<LinkPurpose, string> = { 'first-owner': 'setup', invite: 'invite', reset: 'reset' };

/**
 * The one-time links in setup_tokens (first owner, invites, password resets). Only a keyed hash
 * of each token is stored; a link works until it expires or is used, once.
 */
export function createStaffLinks(hashingKey: Buffer) {
  const hash = (token: string) => lookupHash(hashingKey, token);
  return {
    async issue(
      db: Executor,
      purpose: LinkPurpose,
      at: Date,
      fields: Partial<Pick<LinkRow, 'email_sealed' | 'email_hash' | 'role' | 'staff_id'>> = {},
      ttlMs: number = LINK_TTL_MS[purpose],
    ): Promise<{ token: string; row: LinkRow }> {
      const token = newToken(PREFIX[purpose]);
      const row: LinkRow = {
        id: randomUUID(),
        token_hash: hash(token),
        purpose,
        created_at: iso(at),
        expires_at: iso(new Date(at.getTime() + ttlMs)),
        used_at: null,
        email_sealed: fields.email_sealed ?? null,
        email_hash: fields.email_hash ?? null,
        role: fields.role ?? null,
        staff_id: fields.staff_id ?? null,
      };
      await db.insertInto('setup_tokens').values(row).execute();
      return { token, row };
    },

    /** The live link for `token` (any purpose, or the one named), or undefined. */
    async live(db: Executor, token: string, at: Date, purpose?: LinkPurpose): Promise<LinkRow | undefined> {
      if (typeof token !== 'string' || token.length > 200) return undefined;
      const row = await db
        .selectFrom('setup_tokens')
        .selectAll()
        .where('token_hash', '=', hash(token))
        .executeTakeFirst();
      if (!row || row.used_at !== null || row.expires_at <= iso(at)) return undefined;
      if (purpose && row.purpose !== purpose) return undefined;
      return row;
    },

    /** Marks a live link used; false when another request used it first (or it just expired). */
    async use(db: Executor, id: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('setup_tokens')
        .set({ used_at: iso(at) })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso(at))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Ends every unused link of this purpose for this account (a new reset replaces the old). */
    async expireFor(db: Executor, purpose: LinkPurpose, staffId: string, at: Date): Promise<void> {
      await db
        .updateTable('setup_tokens')
        .set({ expires_at: iso(at) })
        .where('purpose', '=', purpose)
        .where('staff_id', '=', staffId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso(at))
        .execute();
    },
  };
}

export type StaffLinks = ReturnType<typeof createStaffLinks>;
