import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Staff sign-in (issue 10): what an account needs beyond a name and a role (its language, whether
// it is disabled, the last TOTP step used so a code is never accepted twice, a TOTP secret waiting
// for its first code), the links that invite or reset (setup_tokens, now with a purpose, the
// address sealed and the role or account they are for), server-side sessions (only a hash of the
// cookie's token), one-time recovery codes (hashed), passkeys, and the failed sign-in counters
// shared by every process. Re-runnable: tables IF NOT EXISTS, columns only when missing.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function columnExists(db: Kysely<any>, dialect: DialectName, table: string, column: string) {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = ${column}`.execute(
      db,
    );
    return rows[0]!.n > 0;
  }
  const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  return rows.some((c) => c.name === column);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const staffColumns: Array<[string, 'text' | 'integer', boolean]> = [
    ['language', 'text', true],
    ['disabled_at', 'text', false],
    ['totp_last_step', 'integer', false],
    ['totp_pending_secret_sealed', 'text', false],
    ['last_sign_in_at', 'text', false],
  ];
  for (const [column, type, notNull] of staffColumns) {
    if (await columnExists(db, dialect, 'staff_users', column)) continue;
    await db.schema
      .alterTable('staff_users')
      .addColumn(column, type, (c) => (notNull ? c.notNull().defaultTo('en') : c))
      .execute();
  }
  for (const column of ['email_sealed', 'email_hash', 'role', 'staff_id']) {
    if (await columnExists(db, dialect, 'setup_tokens', column)) continue;
    await db.schema.alterTable('setup_tokens').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('staff_sessions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent_summary', 'text', (c) => c.notNull())
    .addColumn('challenge', 'text')
    .execute();
  await db.schema
    .createIndex('staff_sessions_staff_idx')
    .ifNotExists()
    .on('staff_sessions')
    .column('staff_id')
    .execute();

  await db.schema
    .createTable('staff_recovery_codes')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_recovery_codes_staff_idx')
    .ifNotExists()
    .on('staff_recovery_codes')
    .column('staff_id')
    .execute();

  await db.schema
    .createTable('staff_passkeys')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('login_throttle')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}
