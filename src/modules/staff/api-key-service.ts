import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { NotFoundError, UnauthenticatedError } from '../../domain/errors.ts';
import { lookupHash, newToken } from '../../crypto/sealed-box.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { singleLine } from '../../lib/text-schemas.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { roleSchema, type Role } from './roles.ts';

// The name is printed by `apikey list` on the operator's terminal: one line, and no
// control characters (an escape sequence in it would repaint the terminal).
export const apiKeyCreateSchema = z.object({ name: singleLine(100).min(1), role: roleSchema }).strict();

export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  role: Role;
}

export interface ApiKeyInfo extends ApiKeyPrincipal {
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Admin API keys. Only a keyed hash is stored: a leaked database does not leak working keys.
 * After `samizdat key rotate` a key hashed under a previous hashing key is still recognised, and
 * its row moves to the current key on that first use (the only moment we hold the key itself).
 */
export function createApiKeyService(deps: {
  db: Db;
  hashingKeys: Pick<Keys, 'hashing' | 'previousHashing'>;
  now?: Clock;
}) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;
  const hash = (token: string) => lookupHash(deps.hashingKeys.hashing, token);
  const columns = ['id', 'name', 'role', 'revoked_at', 'last_used_at'] as const;

  /** The row for `token`, under the current hashing key or, moving it over, a previous one. */
  async function findByToken(token: string) {
    const current = hash(token);
    const row = await kysely
      .selectFrom('api_keys')
      .select(columns)
      .where('token_hash', '=', current)
      .executeTakeFirst();
    if (row) return row;
    for (const previous of deps.hashingKeys.previousHashing) {
      const old = await kysely
        .selectFrom('api_keys')
        .select(columns)
        .where('token_hash', '=', lookupHash(previous, token))
        .executeTakeFirst();
      if (old) {
        await kysely.updateTable('api_keys').set({ token_hash: current }).where('id', '=', old.id).execute();
        return old;
      }
    }
    return undefined;
  }

  return {
    /** Returns the key itself; it is shown once and cannot be recovered. */
    async create(input: unknown): Promise<{ key: string; info: ApiKeyInfo }> {
      const data = parseInput(apiKeyCreateSchema, input);
      const key = newToken('smz');
      const row = {
        id: randomUUID(),
        name: data.name,
        role: data.role,
        token_hash: hash(key),
        created_at: iso(now()),
        last_used_at: null,
        revoked_at: null,
      };
      await kysely.insertInto('api_keys').values(row).execute();
      return {
        key,
        info: {
          keyId: row.id,
          name: row.name,
          role: data.role,
          createdAt: row.created_at,
          lastUsedAt: null,
          revokedAt: null,
        },
      };
    },

    async authenticate(token: string | undefined): Promise<ApiKeyPrincipal> {
      if (!token) throw new UnauthenticatedError('missing API key: send "Authorization: Bearer <key>"');
      if (token.length > 200 || !/^smz_[A-Za-z0-9_-]+$/.test(token))
        throw new UnauthenticatedError('invalid API key');
      const row = await findByToken(token);
      if (!row || row.revoked_at) throw new UnauthenticatedError('invalid or revoked API key');
      // Coarse last-use tracking: at most one write per key per minute.
      const at = now();
      if (!row.last_used_at || at.getTime() - Date.parse(row.last_used_at) > 60_000) {
        await kysely
          .updateTable('api_keys')
          .set({ last_used_at: iso(at) })
          .where('id', '=', row.id)
          .execute();
      }
      return { keyId: row.id, name: row.name, role: roleSchema.parse(row.role) };
    },

    async list(): Promise<ApiKeyInfo[]> {
      const rows = await kysely.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
      return rows.map((r) => ({
        keyId: r.id,
        name: r.name,
        role: roleSchema.parse(r.role),
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
      }));
    },

    async revoke(keyId: string): Promise<void> {
      const result = await kysely
        .updateTable('api_keys')
        .set({ revoked_at: iso(now()) })
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('api key', keyId);
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
