// src/db/schema.ts is what the code believes about the tables; the migrations are what the tables
// are. TypeScript types vanish at run time, so `described` below spells the interfaces out as data,
// and the compiler holds it to schema.ts: a column added to, removed from or made nullable in an
// interface without the same change here fails `tsc` (`npm run check`). The test then migrates an
// empty database of each kind and compares every table's columns and their nullability with it.
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

type Nullability<T> = null extends T ? 'null' : 'not null';
/** Exactly the tables of `Database`, each with exactly its columns and whether they take null. */
type Described = {
  [Table in keyof Database]: {
    [Column in keyof Selectable<Database[Table]>]-?: Nullability<Selectable<Database[Table]>[Column]>;
  };
};

const described: Described = {
  settings: { key: 'not null', value: 'not null' },
  authors: {
    id: 'not null',
    name: 'not null',
    slug: 'not null',
    bio: 'not null',
    is_pen_name: 'not null',
    real_name_sealed: 'null',
    portrait_media_id: 'null',
    role: 'not null',
    signal_username: 'null',
    pgp_fingerprint: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  tags: {
    id: 'not null',
    name: 'not null',
    slug: 'not null',
    description: 'not null',
    is_section: 'not null',
    nav_order: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  media: {
    id: 'not null',
    mime: 'not null',
    width: 'not null',
    height: 'not null',
    bytes: 'not null',
    original_key: 'not null',
    variants: 'not null',
    caption: 'not null',
    credit: 'not null',
    alt: 'not null',
    created_at: 'not null',
  },
  articles: {
    id: 'not null',
    slug: 'not null',
    language: 'not null',
    title: 'not null',
    standfirst: 'not null',
    body: 'not null',
    body_text: 'not null',
    status: 'not null',
    published_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    translation_group: 'null',
    seo_title: 'not null',
    seo_description: 'not null',
    canonical_url: 'null',
    hero_media_id: 'null',
    version: 'not null',
    created_by: 'null',
  },
  article_authors: { article_id: 'not null', author_id: 'not null', position: 'not null' },
  article_tags: { article_id: 'not null', tag_id: 'not null', position: 'not null' },
  related_articles: {
    article_id: 'not null',
    related_id: 'not null',
    position: 'not null',
    score: 'not null',
  },
  api_keys: {
    id: 'not null',
    name: 'not null',
    role: 'not null',
    token_hash: 'not null',
    created_at: 'not null',
    last_used_at: 'null',
    revoked_at: 'null',
  },
  staff_users: {
    id: 'not null',
    email_sealed: 'null',
    email_hash: 'null',
    name: 'not null',
    role: 'not null',
    password_hash: 'null',
    totp_secret_sealed: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    language: 'not null',
    disabled_at: 'null',
    totp_last_step: 'null',
    totp_pending_secret_sealed: 'null',
    last_sign_in_at: 'null',
  },
  setup_tokens: {
    id: 'not null',
    token_hash: 'not null',
    purpose: 'not null',
    created_at: 'not null',
    expires_at: 'not null',
    used_at: 'null',
    email_sealed: 'null',
    email_hash: 'null',
    role: 'null',
    staff_id: 'null',
  },
  staff_sessions: {
    id: 'not null',
    token_hash: 'not null',
    staff_id: 'not null',
    stage: 'not null',
    created_at: 'not null',
    last_seen_at: 'not null',
    expires_at: 'not null',
    user_agent_summary: 'not null',
    challenge: 'null',
  },
  staff_recovery_codes: {
    id: 'not null',
    staff_id: 'not null',
    code_hash: 'not null',
    created_at: 'not null',
    used_at: 'null',
  },
  staff_passkeys: {
    id: 'not null',
    staff_id: 'not null',
    credential_id: 'not null',
    public_key: 'not null',
    counter: 'not null',
    transports: 'not null',
    name: 'not null',
    created_at: 'not null',
    last_used_at: 'null',
  },
  login_throttle: {
    key: 'not null',
    failures: 'not null',
    window_started_at: 'not null',
    locked_until: 'null',
  },
  jobs: {
    id: 'not null',
    task: 'not null',
    payload: 'not null',
    job_key: 'null',
    run_at: 'not null',
    attempts: 'not null',
    max_attempts: 'not null',
    locked_at: 'null',
    locked_by: 'null',
    last_error: 'null',
    created_at: 'not null',
  },
  job_schedules: { name: 'not null', last_fired_at: 'not null' },
  change_feed: { id: 'not null', origin: 'not null', deps: 'not null', created_at: 'not null' },
  meta: { name: 'not null', value: 'not null' },
  front_page: {
    id: 'not null',
    lead_id: 'null',
    featured_ids: 'not null',
    breaking_text: 'null',
    breaking_url: 'null',
    breaking_article_id: 'null',
    breaking_expires_at: 'null',
    updated_at: 'not null',
    updated_by: 'not null',
  },
  article_revisions: {
    id: 'not null',
    article_id: 'not null',
    number: 'not null',
    created_at: 'not null',
    actor_ref: 'not null',
    actor_label: 'not null',
    summary: 'not null',
    fields: 'not null',
    body: 'not null',
  },
  audit_log: {
    id: 'not null',
    at: 'not null',
    actor_kind: 'not null',
    actor_id: 'not null',
    actor_label: 'not null',
    origin: 'not null',
    action: 'not null',
    object_type: 'not null',
    object_id: 'null',
    summary: 'not null',
  },
  tag_translations: {
    tag_id: 'not null',
    language: 'not null',
    name: 'not null',
    slug: 'null',
    description: 'not null',
  },
  author_translations: {
    author_id: 'not null',
    language: 'not null',
    name: 'not null',
    slug: 'null',
    bio: 'not null',
  },
  appeal_settings: { id: 'not null', value: 'not null', updated_at: 'not null', updated_by: 'not null' },
  appeal_counts: { day: 'not null', variant: 'not null', event: 'not null', count: 'not null' },
  appeal_reminders: {
    id: 'not null',
    email_sealed: 'not null',
    email_hash: 'not null',
    lang: 'not null',
    consent_at: 'not null',
    consent_page: 'not null',
    policy_version: 'null',
    remind_at: 'not null',
  },
  rate_limit_counters: {
    key: 'not null',
    hits: 'not null',
    window_started_at: 'not null',
    expires_at: 'not null',
  },
  donors: {
    id: 'not null',
    email_sealed: 'null',
    email_hash: 'null',
    name_sealed: 'null',
    created_at: 'not null',
    erased_at: 'null',
  },
  donation_plans: {
    id: 'not null',
    donor_id: 'null',
    rail: 'not null',
    provider_ref: 'null',
    amount_minor: 'not null',
    currency: 'not null',
    frequency: 'not null',
    status: 'not null',
    variant: 'not null',
    test: 'not null',
    state_at: 'not null',
    created_at: 'not null',
    cancelled_at: 'null',
  },
  donations: {
    id: 'not null',
    donor_id: 'null',
    plan_id: 'null',
    rail: 'not null',
    checkout_ref: 'null',
    invoice_ref: 'null',
    payment_ref: 'null',
    amount_minor: 'not null',
    currency: 'not null',
    frequency: 'not null',
    status: 'not null',
    variant: 'not null',
    source: 'not null',
    test: 'not null',
    created_at: 'not null',
    completed_at: 'null',
    updated_at: 'not null',
  },
  payment_events: {
    rail: 'not null',
    event_id: 'not null',
    kind: 'not null',
    occurred_at: 'not null',
    received_at: 'not null',
    outcome: 'not null',
  },
  mail_events: {
    id: 'not null',
    kind: 'not null',
    received_at: 'not null',
  },
  article_renders: {
    article_id: 'not null',
    renderer: 'not null',
    source: 'not null',
    media: 'not null',
    body_html: 'not null',
    description: 'not null',
    rendered_at: 'not null',
  },
  telegram_posts: {
    article_id: 'not null',
    chat_id: 'not null',
    message_id: 'not null',
    kind: 'not null',
    digest: 'not null',
    posted_at: 'not null',
    updated_at: 'not null',
  },
  newsletters: {
    id: 'not null',
    slug: 'not null',
    name: 'not null',
    description: 'not null',
    language: 'null',
    kind: 'not null',
    schedule_cron: 'null',
    signup_wording: 'not null',
    position: 'not null',
    is_default: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  subscribers: {
    id: 'not null',
    email_sealed: 'not null',
    email_hash: 'not null',
    name_sealed: 'null',
    language: 'not null',
    status: 'not null',
    suppressed_reason: 'null',
    suppressed_detail: 'null',
    suppressed_at: 'null',
    soft_bounces: 'not null',
    link_version: 'not null',
    created_at: 'not null',
    confirmed_at: 'null',
    confirm_expires_at: 'null',
    updated_at: 'not null',
  },
  subscriptions: {
    newsletter_id: 'not null',
    subscriber_id: 'not null',
    status: 'not null',
    subscriber_status: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  subscriber_counts: { key: 'not null', n: 'not null' },
  subscriber_count_changes: { key: 'not null', d: 'not null' },
  consents: {
    id: 'not null',
    subscriber_id: 'not null',
    newsletter_id: 'null',
    action: 'not null',
    basis: 'not null',
    policy_version: 'not null',
    source: 'not null',
    recorded_at: 'not null',
  },
  newsletter_issues: {
    id: 'not null',
    newsletter_id: 'not null',
    number: 'not null',
    slug: 'not null',
    kind: 'not null',
    status: 'not null',
    subject: 'not null',
    intro: 'not null',
    language: 'null',
    since: 'not null',
    scheduled_for: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    edited_by: 'null',
    sent_at: 'null',
  },
  newsletter_issue_items: { issue_id: 'not null', article_id: 'not null', position: 'not null' },
  newsletter_sends: {
    id: 'not null',
    issue_id: 'not null',
    newsletter_id: 'not null',
    status: 'not null',
    total: 'not null',
    accepted: 'not null',
    failed: 'not null',
    deferred: 'not null',
    cursor: 'null',
    lease_owner: 'null',
    lease_until: 'null',
    started_at: 'not null',
    finished_at: 'null',
  },
  newsletter_deliveries: {
    send_id: 'not null',
    subscriber_id: 'not null',
    status: 'not null',
    attempts: 'not null',
    claimed_by: 'null',
    next_attempt_at: 'null',
    reason: 'null',
    updated_at: 'not null',
  },
  import_items: {
    source: 'not null',
    kind: 'not null',
    source_id: 'not null',
    target_id: 'not null',
    content_hash: 'not null',
    imported_at: 'not null',
    updated_at: 'not null',
  },
  redirects: {
    path: 'not null',
    target: 'not null',
    article_id: 'null',
    status: 'not null',
    origin: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  sos_sends: {
    id: 'not null',
    issue_id: 'not null',
    newsletter_id: 'not null',
    status: 'not null',
    total: 'not null',
    accepted: 'not null',
    failed: 'not null',
    deferred: 'not null',
    cursor: 'null',
    lease_owner: 'null',
    lease_until: 'null',
    started_at: 'not null',
    finished_at: 'null',
  },
  sos_deliveries: {
    send_id: 'not null',
    subscriber_id: 'not null',
    status: 'not null',
    attempts: 'not null',
    claimed_by: 'null',
    next_attempt_at: 'null',
    reason: 'null',
    updated_at: 'not null',
  },
};

/**
 * Tables the migrations create that `Database` does not describe, because the code reaches them
 * only through raw SQL of one dialect. A new table must be described in schema.ts or listed here.
 */
const RAW_SQL_TABLES: Record<DialectName, Record<string, string>> = {
  sqlite: {
    article_search: 'FTS5 index (modules/search/sqlite-search.ts)',
    article_search_rowids: 'FTS5 rowid ↔ article id (modules/search/sqlite-search.ts)',
    article_search_config: 'FTS5 shadow table',
    article_search_content: 'FTS5 shadow table',
    article_search_data: 'FTS5 shadow table',
    article_search_docsize: 'FTS5 shadow table',
    article_search_idx: 'FTS5 shadow table',
    article_search_vocab: 'FTS5 vocabulary view (modules/related reads term counts from it)',
    related_term_sample: 'Read more term statistics (modules/related)',
    related_term_stats: 'Read more term statistics (modules/related)',
  },
  postgres: {
    article_search: 'tsvector index (modules/search)',
    related_term_sample: 'Read more term statistics (modules/related)',
    related_term_stats: 'Read more term statistics (modules/related)',
  },
};

type Columns = Record<string, 'null' | 'not null'>;

/** Every table in the test database (Kysely's bookkeeping aside) → its columns and nullability. */
async function migratedTables(db: TestDb): Promise<Record<string, Columns>> {
  const out: Record<string, Columns> = {};
  if (db.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      SELECT name FROM sqlite_master
      WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'
    `.execute(db.kysely);
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string; notnull: number; pk: number }>`
        SELECT name, "notnull", pk FROM pragma_table_info(${name})
      `.execute(db.kysely);
      // SQLite lets a non-INTEGER PRIMARY KEY column hold null unless it says NOT NULL (a
      // historical quirk); every insert sets the key, so a key counts as "not null" here.
      out[name] = Object.fromEntries(
        columns.rows.map((c) => [c.name, c.notnull || c.pk ? 'not null' : 'null'] as const),
      );
    }
  } else {
    const columns = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      SELECT table_name, column_name, is_nullable FROM information_schema.columns
      WHERE table_schema = ${db.schema!} AND table_name NOT LIKE 'kysely_%'
    `.execute(db.kysely);
    for (const c of columns.rows) {
      (out[c.table_name] ??= {})[c.column_name] = c.is_nullable === 'YES' ? 'null' : 'not null';
    }
  }
  return out;
}

describe.each(testDatabases)('src/db/schema.ts against the migrated %s database', (dialect) => {
  let db: TestDb;
  let tables: Record<string, Columns>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    tables = await migratedTables(db);
  });
  afterAll(async () => db?.destroy());

  it.each(Object.keys(described) as Array<keyof Database>)('%s has the described columns', (table) => {
    expect(tables[table], `table ${table} exists`).toBeDefined();
    const sorted = (columns: Columns) => Object.fromEntries(Object.entries(columns).sort());
    expect(sorted(tables[table]!)).toEqual(sorted(described[table]));
  });

  it('has no table that is neither described nor listed as reached by raw SQL', () => {
    const known = new Set([...Object.keys(described), ...Object.keys(RAW_SQL_TABLES[dialect])]);
    expect(Object.keys(tables).filter((name) => !known.has(name))).toEqual([]);
    expect(Object.keys(RAW_SQL_TABLES[dialect]).filter((name) => !(name in tables))).toEqual([]);
  });
});
