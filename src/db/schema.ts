// Row shapes of every table, as Kysely sees them. Portable conventions, chosen so one
// repository implementation serves SQLite and PostgreSQL alike:
// - ids are text (UUIDs), timestamps are ISO-8601 UTC text ("2026-11-27T08:39:14.000Z"),
//   so they compare and sort the same way on both databases;
// - booleans are integers 0/1; structured values are JSON text.
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string; // JSON
}

export interface AuthorsTable {
  id: string;
  name: string; // the public byline; for a pen name this is the pen name
  slug: string;
  bio: string;
  is_pen_name: number;
  /** Encrypted (see crypto/sealed-box.ts). Never leaves the newsroom side. */
  real_name_sealed: string | null;
  /** A media id (our own upload), or null. */
  portrait_media_id: string | null;
  /** The author's job title ("Economics editor"); '' when not set. */
  role: string;
  /** A Signal username ("name.42"), or null. */
  signal_username: string | null;
  /** A PGP key fingerprint: 40 uppercase hex digits, no spaces; or null. */
  pgp_fingerprint: string | null;
  created_at: string;
  updated_at: string;
}

export interface TagsTable {
  id: string;
  name: string;
  slug: string;
  description: string;
  is_section: number;
  nav_order: number | null;
  created_at: string;
  updated_at: string;
}

export interface MediaTable {
  id: string;
  mime: string; // of the stored original (metadata stripped)
  width: number;
  height: number;
  bytes: number;
  original_key: string; // storage key
  variants: string; // JSON: Array<{ key, width, height, format, bytes }>
  caption: string;
  credit: string;
  alt: string;
  created_at: string;
}

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

export interface ArticlesTable {
  id: string;
  slug: string;
  language: string;
  title: string;
  standfirst: string;
  body: string; // JSON document tree (modules/articles/document)
  body_text: string; // plain-text rendering, for search and relatedness
  status: ArticleStatus;
  /** For a published article: when it went out. For a scheduled one: when it will. */
  published_at: string | null;
  created_at: string;
  updated_at: string;
  translation_group: string | null;
  seo_title: string;
  seo_description: string;
  canonical_url: string | null;
  hero_media_id: string | null;
  /** Bumped on every write; an update naming an older version is refused (409). */
  version: number;
  /**
   * actorRef() of whoever created it; NULL for articles created before this was recorded (and for
   * rows written outside the article operations, such as bulk imports and benchmarks).
   */
  created_by?: string | null;
}

export interface ArticleAuthorsTable {
  article_id: string;
  author_id: string;
  position: number;
}

export interface ArticleTagsTable {
  article_id: string;
  tag_id: string;
  position: number;
}

export interface RelatedArticlesTable {
  article_id: string;
  related_id: string;
  position: number;
  score: number;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface StaffUsersTable {
  id: string;
  email_sealed: string | null;
  email_hash: string | null;
  name: string;
  role: string;
  password_hash: string | null;
  totp_secret_sealed: string | null;
  created_at: string;
  updated_at: string;
  /** 'en' | 'ru': the admin app's language for this person. */
  language: string;
  disabled_at: string | null;
  /** The last 30-second TOTP step accepted: a code of that step or an earlier one is refused. */
  totp_last_step: number | null;
  /** A secret shown for enrolment, kept until its first code confirms it. */
  totp_pending_secret_sealed: string | null;
  last_sign_in_at: string | null;
}

export interface SetupTokensTable {
  id: string;
  token_hash: string;
  purpose: string; // 'first-owner' | 'invite' | 'reset'
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Invites: the address invited (sealed) and its lookup hash. */
  email_sealed: string | null;
  email_hash: string | null;
  /** Invites: the role the new account gets. */
  role: string | null;
  /** Resets: the account whose password it sets. */
  staff_id: string | null;
}

export interface StaffSessionsTable {
  id: string;
  /** A keyed hash of the cookie's token; the token itself is never stored. */
  token_hash: string;
  staff_id: string;
  stage: string; // 'pending' | 'full'
  created_at: string;
  last_seen_at: string;
  /** The absolute end, whatever the activity. */
  expires_at: string;
  user_agent_summary: string;
  /** The WebAuthn challenge last handed to this session (passkeys). */
  challenge: string | null;
}

export interface StaffRecoveryCodesTable {
  id: string;
  staff_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface StaffPasskeysTable {
  id: string;
  staff_id: string;
  credential_id: string;
  public_key: string; // base64url
  counter: number;
  transports: string; // JSON array
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface LoginThrottleTable {
  /** 'account:<hash>' or 'address:<hash>' */
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  task: string;
  payload: string; // JSON
  /** Unique when set: enqueueing the same key again replaces the pending job. */
  job_key: string | null;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
}

export interface JobSchedulesTable {
  name: string;
  last_fired_at: string;
}

/** One committed change, as the cache dependencies it touched (modules/change-feed). */
export interface ChangeFeedTable {
  /** Ever increasing. PostgreSQL's bigint arrives as a string: read it through Number(). */
  id: Generated<number | string>;
  /** The instance id of the process that made the change. */
  origin: string;
  deps: string; // JSON: string[]
  created_at: string;
}

/** Facts about the installation (key fingerprint, key rotation progress), one row per name. */
export interface MetaTable {
  name: string;
  value: string; // JSON
}

/** The editors' choices for the home page: one row, id 1 (modules/frontpage). */
export interface FrontPageTable {
  id: number;
  lead_id: string | null;
  featured_ids: string; // JSON array of article ids, in order
  breaking_text: string | null;
  breaking_url: string | null;
  breaking_article_id: string | null;
  breaking_expires_at: string | null;
  updated_at: string;
  updated_by: string;
}

/** One save of an article: its editable fields and body as they were after it (modules/articles). */
export interface ArticleRevisionsTable {
  id: string;
  article_id: string;
  /** 1, 2, 3… per article. */
  number: number;
  created_at: string;
  /** actorRef() of who saved. */
  actor_ref: string;
  actor_label: string;
  summary: string;
  fields: string; // JSON: the editable fields
  body: string; // JSON: the document tree
}

/** The append-only audit log (modules/audit). */
export interface AuditLogTable {
  /** Ever increasing. PostgreSQL's bigint arrives as a string: read it through Number(). */
  id: Generated<number | string>;
  at: string;
  actor_kind: string;
  actor_id: string;
  actor_label: string;
  origin: string;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
}

/** A tag or section in another language; an empty name or description means the default's. */
export interface TagTranslationsTable {
  tag_id: string;
  language: string;
  name: string;
  /** Unique within the language; null means the default slug. */
  slug: string | null;
  description: string;
}

/** An author's byline in another language (a Cyrillic spelling, say); empty means the default's. */
export interface AuthorTranslationsTable {
  author_id: string;
  language: string;
  name: string;
  slug: string | null;
  bio: string;
}

/** The appeal's settings: one row, id 1 (modules/appeal). */
export interface AppealSettingsTable {
  id: number;
  value: string; // JSON: AppealSettings
  updated_at: string;
  updated_by: string;
}

/** Aggregate appeal counters per UTC day, variant and event; nothing about who (modules/appeal). */
export interface AppealCountsTable {
  day: string; // YYYY-MM-DD
  variant: string;
  event: string;
  count: number;
}

/** A reader's "email me a reminder", kept until it is sent (modules/appeal). */
export interface AppealRemindersTable {
  id: string;
  email_sealed: string; // sealed box (src/crypto)
  email_hash: string; // keyed hash of the normalised address
  lang: string;
  consent_at: string;
  consent_page: string;
  policy_version: string | null;
  remind_at: string;
}

/** Rate-limit counters (modules/rate-limits): key = policy name + keyed hash of the subject. */
export interface RateLimitCountersTable {
  key: string;
  hits: number;
  window_started_at: string;
  expires_at: string;
}

/** A reader who gave: only an e-mail address (sealed, with its keyed hash) and an optional name. */
export interface DonorsTable {
  id: string;
  /** Null once the donor's personal data is erased. */
  email_sealed: string | null;
  email_hash: string | null;
  name_sealed: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface DonationPlansTable {
  id: string;
  donor_id: string | null;
  rail: string;
  /** The provider's subscription id. */
  provider_ref: string | null;
  amount_minor: number;
  currency: string;
  frequency: string; // monthly | annual
  status: string; // pending | active | past_due | paused | cancelled
  variant: string;
  test: number;
  /** The provider's time of the newest event applied (ISO). */
  state_at: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface DonationsTable {
  id: string;
  donor_id: string | null;
  plan_id: string | null;
  rail: string;
  checkout_ref: string | null;
  invoice_ref: string | null;
  payment_ref: string | null;
  amount_minor: number;
  currency: string;
  frequency: string; // once | monthly | annual
  status: string; // pending | completed | failed | cancelled | refunded | disputed
  variant: string;
  source: string;
  test: number;
  created_at: string;
  completed_at: string | null;
  updated_at: string;
}

/** Every payment provider event once, by (rail, event id): replays find it here. */
export interface PaymentEventsTable {
  rail: string;
  event_id: string;
  kind: string;
  occurred_at: string;
  received_at: string;
  outcome: string;
}

/** A Telegram channel post of an article (modules/telegram). */
/** A bounce or complaint taken in once (modules/subscribers, mail-events.ts); no address here. */
export interface MailEventsTable {
  /** provider:event id, or provider:sha256 of the event when it has no id. */
  id: string;
  kind: 'hard' | 'soft' | 'complaint';
  received_at: string;
}

export interface TelegramPostsTable {
  article_id: string;
  chat_id: string;
  message_id: number;
  kind: 'photo' | 'text';
  /** Digest of the text and photo posted: an edit that changes neither sends nothing. */
  digest: string;
  posted_at: string;
  updated_at: string;
}

/** An article's page parts rendered when it was saved (modules/site/rendered-parts). */
export interface ArticleRendersTable {
  article_id: string;
  /** The renderer that made them (its version and what it depends on, digested). */
  renderer: string;
  /** The article they were rendered from: "<version>@<updated_at>". */
  source: string;
  /** Digest of the media the body shows as it was rendered (src, srcset, sizes). */
  media: string;
  body_html: string;
  description: string;
  rendered_at: string;
}

/** A newsletter (a list people subscribe to): the weekly digest, breaking news, one per language. */
export interface NewslettersTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  language: string | null;
  kind: 'digest' | 'breaking';
  /** Five-field cron in the site's TIMEZONE (digests); null for breaking news. */
  schedule_cron: string | null;
  /** The signup block's invitation; empty: the catalogue's wording in the page's language. */
  signup_wording: string;
  position: number;
  /** 1 for the list the signup block ticks by default. */
  is_default: number;
  created_at: string;
  updated_at: string;
}

/** A newsletter subscriber: the address sealed, found by a keyed hash of its normalised form. */
export interface SubscribersTable {
  id: string;
  email_sealed: string;
  email_hash: string;
  name_sealed: string | null;
  language: string;
  status: 'pending' | 'confirmed' | 'suppressed';
  suppressed_reason: string | null;
  suppressed_detail: string | null;
  suppressed_at: string | null;
  /** Soft bounces in a row (reset by a successful confirmation or a suppression). */
  soft_bounces: number;
  /** Bumped to revoke the confirmation links sent so far. */
  link_version: number;
  created_at: string;
  confirmed_at: string | null;
  /** Pending signups: when the unconfirmed row is deleted. */
  confirm_expires_at: string | null;
  updated_at: string;
}

/** Who gets which newsletter. `subscriber_status` mirrors subscribers.status for one-index queries. */
export interface SubscriptionsTable {
  newsletter_id: string;
  subscriber_id: string;
  /** 'pending': asked for, waiting for the confirmation link. */
  status: 'pending' | 'active' | 'paused' | 'unsubscribed';
  subscriber_status: 'pending' | 'confirmed' | 'suppressed';
  created_at: string;
  updated_at: string;
}

/**
 * The newsletter counts, kept by triggers as rows change (migration 2026-12-02T0610): `s:<status>`
 * subscribers, `l:<newsletter id>:<status>:<subscriber status>` subscriptions.
 */
export interface SubscriberCountsTable {
  key: string;
  /** A bigint: PostgreSQL's driver hands it over as a string. */
  n: number | string;
}

/** What the triggers append as rows change (+1 or -1 for a key), folded into subscriber_counts. */
export interface SubscriberCountChangesTable {
  key: string;
  d: number;
}

/** Consent given or withdrawn: when, under which privacy policy version, from which page. */
export interface ConsentsTable {
  id: string;
  subscriber_id: string;
  newsletter_id: string | null;
  action: 'granted' | 'withdrawn';
  basis: string;
  policy_version: number;
  source: string;
  recorded_at: string;
}

/** What an import made of one item of a source, to match it on the next run (modules/import). */
export interface ImportItemsTable {
  /** Platform and site: "wordpress:https://old.example". */
  source: string;
  /** article, author, tag or media. */
  kind: string;
  source_id: string;
  target_id: string;
  /** sha256 of the item as read: unchanged means skipped on the next run. */
  content_hash: string;
  imported_at: string;
  updated_at: string;
}

/** An old address answering 301 (modules/redirects). */
export interface RedirectsTable {
  /** Normalised path, with its query when the old address had one ("/?p=123"). */
  path: string;
  /** Where it goes when no article is named (or the article is gone). */
  target: string;
  /** Followed to the article's current address when set. */
  article_id: string | null;
  status: number;
  /** Who made it: "admin", "import:wordpress"… */
  origin: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  settings: SettingsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  related_articles: RelatedArticlesTable;
  api_keys: ApiKeysTable;
  staff_users: StaffUsersTable;
  setup_tokens: SetupTokensTable;
  staff_sessions: StaffSessionsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_passkeys: StaffPasskeysTable;
  login_throttle: LoginThrottleTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  change_feed: ChangeFeedTable;
  meta: MetaTable;
  front_page: FrontPageTable;
  article_revisions: ArticleRevisionsTable;
  audit_log: AuditLogTable;
  tag_translations: TagTranslationsTable;
  author_translations: AuthorTranslationsTable;
  appeal_settings: AppealSettingsTable;
  appeal_counts: AppealCountsTable;
  appeal_reminders: AppealRemindersTable;
  rate_limit_counters: RateLimitCountersTable;
  donors: DonorsTable;
  donation_plans: DonationPlansTable;
  donations: DonationsTable;
  payment_events: PaymentEventsTable;
  telegram_posts: TelegramPostsTable;
  article_renders: ArticleRendersTable;
  newsletters: NewslettersTable;
  subscribers: SubscribersTable;
  subscriptions: SubscriptionsTable;
  subscriber_counts: SubscriberCountsTable;
  subscriber_count_changes: SubscriberCountChangesTable;
  consents: ConsentsTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_issue_items: NewsletterIssueItemsTable;
  newsletter_sends: NewsletterSendsTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  import_items: ImportItemsTable;
  redirects: RedirectsTable;
  mail_events: MailEventsTable;
  sos_sends: NewsletterSendsTable;
  sos_deliveries: NewsletterDeliveriesTable;
}

/** One issue of one newsletter list (module newsletters). */
export interface NewsletterIssuesTable {
  id: string;
  newsletter_id: string;
  number: number;
  /** `<list slug>-<number>`: the web archive's address. */
  slug: string;
  kind: 'digest' | 'breaking';
  status: 'draft' | 'sending' | 'sent';
  subject: string;
  intro: string;
  language: string | null;
  /** Articles published after this (ISO 8601 UTC) are collected. */
  since: string;
  scheduled_for: string | null;
  created_at: string;
  updated_at: string;
  edited_by: string | null;
  sent_at: string | null;
}

export interface NewsletterIssueItemsTable {
  issue_id: string;
  article_id: string;
  position: number;
}

export interface NewsletterSendsTable {
  id: string;
  issue_id: string;
  newsletter_id: string;
  status: 'running' | 'done';
  total: number;
  accepted: number;
  failed: number;
  deferred: number;
  /** The last subscriber id of the last settled batch (keyset). */
  cursor: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface NewsletterDeliveriesTable {
  send_id: string;
  subscriber_id: string;
  status: 'queued' | 'sending' | 'accepted' | 'deferred' | 'failed';
  attempts: number;
  claimed_by: string | null;
  next_attempt_at: string | null;
  reason: string | null;
  updated_at: string;
}
