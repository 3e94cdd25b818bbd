import type { Kysely } from 'kysely';

// Facts about the installation itself, one row per name: today the fingerprint of the secret key
// the data is sealed with (never the key) and the progress of a key rotation (crypto/).
// Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
