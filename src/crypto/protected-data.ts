import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { toCount } from '../lib/count.ts';

/**
 * Every column the secret key protects, in one list: the start-up check counts them to tell an
 * empty database from one whose data a lost key would make unreadable, and `samizdat key rotate`
 * walks them. A module that seals or hashes a new column with the key adds it here.
 *
 * - sealed: a sealed box (crypto/sealed-box.ts), re-sealed under the new key at rotation;
 * - hashOf: a lookup hash of another column's sealed plaintext, recomputed at rotation;
 * - hashed: a keyed hash of a secret we never keep (API keys, setup tokens): it cannot be
 *   recomputed, see `rotation` for what happens to it instead.
 */
export type ProtectedColumn =
  | { table: 'authors'; column: 'real_name_sealed'; kind: 'sealed' }
  | {
      table: 'staff_users';
      column: 'email_sealed' | 'totp_secret_sealed' | 'totp_pending_secret_sealed';
      kind: 'sealed';
    }
  | { table: 'staff_users'; column: 'email_hash'; kind: 'hashOf'; of: 'email_sealed' }
  | { table: 'api_keys'; column: 'token_hash'; kind: 'hashed'; rotation: 'previous-key' }
  | { table: 'setup_tokens'; column: 'token_hash'; kind: 'hashed'; rotation: 'expire' }
  | { table: 'staff_recovery_codes'; column: 'code_hash'; kind: 'hashed'; rotation: 'previous-key' }
  | { table: 'staff_sessions'; column: 'token_hash'; kind: 'hashed'; rotation: 'expire' }
  | { table: 'appeal_reminders'; column: 'email_sealed'; kind: 'sealed' }
  | { table: 'appeal_reminders'; column: 'email_hash'; kind: 'hashOf'; of: 'email_sealed' }
  | { table: 'donors'; column: 'email_sealed' | 'name_sealed'; kind: 'sealed' }
  | { table: 'donors'; column: 'email_hash'; kind: 'hashOf'; of: 'email_sealed' }
  | { table: 'subscribers'; column: 'email_sealed' | 'name_sealed'; kind: 'sealed' }
  | { table: 'subscribers'; column: 'email_hash'; kind: 'hashOf'; of: 'email_sealed' };

export const PROTECTED_COLUMNS: readonly ProtectedColumn[] = [
  { table: 'authors', column: 'real_name_sealed', kind: 'sealed' },
  { table: 'staff_users', column: 'email_sealed', kind: 'sealed' },
  { table: 'staff_users', column: 'totp_secret_sealed', kind: 'sealed' },
  { table: 'staff_users', column: 'totp_pending_secret_sealed', kind: 'sealed' },
  { table: 'staff_users', column: 'email_hash', kind: 'hashOf', of: 'email_sealed' },
  // Kept working through the previous hashing key (crypto/secret-key.ts, Keys.previousHashing).
  { table: 'api_keys', column: 'token_hash', kind: 'hashed', rotation: 'previous-key' },
  // Short-lived; `serve` issues a fresh one at its next start while no staff account exists.
  { table: 'setup_tokens', column: 'token_hash', kind: 'hashed', rotation: 'expire' },
  // Checked under the previous hashing keys too (modules/staff/recovery-codes.ts).
  { table: 'staff_recovery_codes', column: 'code_hash', kind: 'hashed', rotation: 'previous-key' },
  // A session whose token was hashed under the old key no longer resolves: rotation signs staff out.
  { table: 'staff_sessions', column: 'token_hash', kind: 'hashed', rotation: 'expire' },
  // "Email me a reminder" (modules/appeal): kept until the reminder is sent.
  { table: 'appeal_reminders', column: 'email_sealed', kind: 'sealed' },
  { table: 'appeal_reminders', column: 'email_hash', kind: 'hashOf', of: 'email_sealed' },
  // Reader revenue (modules/donations): a donor's address and optional name.
  { table: 'donors', column: 'email_sealed', kind: 'sealed' },
  { table: 'donors', column: 'name_sealed', kind: 'sealed' },
  { table: 'donors', column: 'email_hash', kind: 'hashOf', of: 'email_sealed' },
  // Newsletter subscribers (modules/subscribers): the address and name sealed, found by the hash.
  { table: 'subscribers', column: 'email_sealed', kind: 'sealed' },
  { table: 'subscribers', column: 'name_sealed', kind: 'sealed' },
  { table: 'subscribers', column: 'email_hash', kind: 'hashOf', of: 'email_sealed' },
];

/** The tables holding protected columns, each once, in a stable order. */
export const PROTECTED_TABLES = [...new Set(PROTECTED_COLUMNS.map((c) => c.table))] as Array<
  keyof Database & ProtectedColumn['table']
>;

/**
 * How many rows hold data the key protects (0: a lost key loses nothing). Setup links do not
 * count: they are short-lived and `serve` issues a fresh one at every start until they are used.
 */
export async function countProtectedRows(db: Db): Promise<number> {
  let total = 0;
  for (const table of PROTECTED_TABLES) {
    const columns = PROTECTED_COLUMNS.filter(
      (c) => c.table === table && !(c.kind === 'hashed' && c.rotation === 'expire'),
    ).map((c) => c.column);
    if (columns.length === 0) continue;
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .where((eb) => eb.or(columns.map((column) => eb(column as any, 'is not', null))))
      .executeTakeFirstOrThrow();
    total += toCount(row.n);
  }
  return total;
}

/** One sealed value to try a key on, if the database holds any. */
export async function sampleSealedValue(db: Db): Promise<string | undefined> {
  for (const spec of PROTECTED_COLUMNS) {
    if (spec.kind !== 'sealed') continue;
    const row = await db.kysely
      .selectFrom(spec.table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .select(`${spec.column} as value` as any)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .where(spec.column as any, 'is not', null)
      .limit(1)
      .executeTakeFirst();
    const value = (row as { value?: string | null } | undefined)?.value;
    if (value) return value;
  }
  return undefined;
}
