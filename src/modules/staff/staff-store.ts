import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, StaffUsersTable } from '../../db/schema.ts';
import { lookupHash, open, seal } from '../../crypto/sealed-box.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { singleLine } from '../../lib/text-schemas.ts';
import { roleSchema, type Role } from './roles.ts';

export const STAFF_LANGUAGES = ['en', 'ru'] as const;
export const staffLanguageSchema = z.enum(STAFF_LANGUAGES);
export type StaffLanguage = z.infer<typeof staffLanguageSchema>;

/** Addresses are compared trimmed and in lower case: "Irina@News.example" is the same person. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));
export const staffNameSchema = singleLine(100).min(1);

export type StaffRow = Selectable<StaffUsersTable>;
type Executor = Kysely<Database> | Transaction<Database>;

/** A staff member as the operations see them (never the password hash or secrets). */
export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  language: StaffLanguage;
  hasTotp: boolean;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** Staff rows: the address sealed at rest and found by its keyed hash. */
export function createStaffStore(keys: Pick<Keys, 'encryption' | 'hashing'>) {
  const emailHash = (email: string) => lookupHash(keys.hashing, email.trim().toLowerCase());
  return {
    emailHash,
    sealEmail: (email: string) => seal(keys.encryption, email),
    openSealed: (sealed: string) => open(keys.encryption, sealed),

    toMember(row: StaffRow): StaffMember {
      return {
        id: row.id,
        name: row.name,
        email: row.email_sealed ? open(keys.encryption, row.email_sealed) : '',
        role: roleSchema.parse(row.role),
        language: staffLanguageSchema.catch('en').parse(row.language),
        hasTotp: row.totp_secret_sealed !== null,
        disabled: row.disabled_at !== null,
        createdAt: row.created_at,
        lastSignInAt: row.last_sign_in_at,
      };
    },

    async byEmail(db: Executor, email: string): Promise<StaffRow | undefined> {
      return db
        .selectFrom('staff_users')
        .selectAll()
        .where('email_hash', '=', emailHash(email))
        .executeTakeFirst();
    },

    async byId(db: Executor, id: string): Promise<StaffRow | undefined> {
      return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insert(
      db: Executor,
      input: {
        name: string;
        email: string;
        role: Role;
        language: StaffLanguage;
        passwordHash: string;
        at: string;
      },
    ): Promise<StaffRow> {
      const row: StaffRow = {
        id: randomUUID(),
        email_sealed: seal(keys.encryption, input.email),
        email_hash: emailHash(input.email),
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        totp_secret_sealed: null,
        created_at: input.at,
        updated_at: input.at,
        language: input.language,
        disabled_at: null,
        totp_last_step: null,
        totp_pending_secret_sealed: null,
        last_sign_in_at: null,
      };
      await db.insertInto('staff_users').values(row).execute();
      return row;
    },
  };
}

export type StaffStore = ReturnType<typeof createStaffStore>;
