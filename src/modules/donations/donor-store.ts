import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { lookupHash, open, seal } from '../../crypto/sealed-box.ts';
import type { Keys } from '../../crypto/secret-key.ts';

/** How an address is compared: trimmed and lower-cased, sealed and hashed in that form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function looksLikeEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email);
}

export interface DonorIdentity {
  id: string;
  email: string | null;
  name: string | null;
  createdAt: string;
  erasedAt: string | null;
}

/** The donor with this address, made when there is none (the name is kept when one is given). */
export async function upsertDonor(
  trx: Kysely<Database>,
  keys: Pick<Keys, 'encryption' | 'hashing'>,
  email: string,
  name: string | undefined,
  at: string,
): Promise<string> {
  const normal = normaliseEmail(email);
  const hash = lookupHash(keys.hashing, normal);
  const found = await trx
    .selectFrom('donors')
    .select(['id'])
    .where('email_hash', '=', hash)
    .executeTakeFirst();
  const cleanName = name?.trim().slice(0, 200);
  if (found) {
    if (cleanName) {
      await trx
        .updateTable('donors')
        .set({ name_sealed: seal(keys.encryption, cleanName) })
        .where('id', '=', found.id)
        .execute();
    }
    return found.id;
  }
  const id = randomUUID();
  await trx
    .insertInto('donors')
    .values({
      id,
      email_sealed: seal(keys.encryption, normal),
      email_hash: hash,
      name_sealed: cleanName ? seal(keys.encryption, cleanName) : null,
      created_at: at,
      erased_at: null,
    })
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .execute();
  // Another request made the same donor at the same moment: theirs it is.
  const row = await trx
    .selectFrom('donors')
    .select(['id'])
    .where('email_hash', '=', hash)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findDonorByEmail(
  db: Kysely<Database>,
  keys: Pick<Keys, 'hashing'>,
  email: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('donors')
    .select(['id'])
    .where('email_hash', '=', lookupHash(keys.hashing, normaliseEmail(email)))
    .executeTakeFirst();
  return row?.id;
}

export function openDonor(
  keys: Pick<Keys, 'encryption'>,
  row: {
    id: string;
    email_sealed: string | null;
    name_sealed: string | null;
    created_at: string;
    erased_at: string | null;
  },
): DonorIdentity {
  return {
    id: row.id,
    email: row.email_sealed ? open(keys.encryption, row.email_sealed) : null,
    name: row.name_sealed ? open(keys.encryption, row.name_sealed) : null,
    createdAt: row.created_at,
    erasedAt: row.erased_at,
  };
}
