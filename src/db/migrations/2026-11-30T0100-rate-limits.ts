import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Rate limits shared by every process (modules/rate-limits): one counter per key (a policy name
// and a keyed hash of what is counted), restarted when its window has passed. `expires_at` lets
// old counters be swept by an index scan. Re-runnable.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('rate_limit_counters')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_expires_idx')
    .ifNotExists()
    .on('rate_limit_counters')
    .column('expires_at')
    .execute();
}
