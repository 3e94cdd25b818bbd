import type { Db } from '../db/connect.ts';

/** Where a key rotation stands; stored while one is under way (crypto/key-rotation.ts). */
export interface RotationState {
  from: string; // fingerprint of the key being replaced
  to: string; // fingerprint of the key in `<key file>.new`
  /** Index into PROTECTED_TABLES of the table being re-sealed, and the last id done in it. */
  table: number;
  after: string | null;
  done: number;
}

const FINGERPRINT = 'key_fingerprint';
const ROTATION = 'key_rotation';

type Executor = Pick<Db['kysely'], 'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom'>;

async function read<T>(db: Executor, name: string): Promise<T | undefined> {
  const row = await db.selectFrom('meta').select('value').where('name', '=', name).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

async function write(db: Executor, name: string, value: unknown): Promise<void> {
  await db
    .insertInto('meta')
    .values({ name, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}

/** The fingerprint of the key this database's data is sealed with (never the key itself). */
export const keyMeta = {
  fingerprint: (db: Executor) => read<string>(db, FINGERPRINT),
  setFingerprint: (db: Executor, fingerprint: string) => write(db, FINGERPRINT, fingerprint),
  /** Records `fingerprint` unless one is there already; returns the one that stands. */
  async claimFingerprint(db: Executor, fingerprint: string): Promise<string> {
    await db
      .insertInto('meta')
      .values({ name: FINGERPRINT, value: JSON.stringify(fingerprint) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return (await read<string>(db, FINGERPRINT)) ?? fingerprint;
  },
  rotation: (db: Executor) => read<RotationState>(db, ROTATION),
  setRotation: (db: Executor, state: RotationState) => write(db, ROTATION, state),
  async clearRotation(db: Executor): Promise<void> {
    await db.deleteFrom('meta').where('name', '=', ROTATION).execute();
  },
};
