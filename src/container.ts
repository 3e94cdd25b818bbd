// The composition root: the only file that picks concrete adapters and wires modules together.
// Everything else receives its dependencies.
import { join } from 'node:path';
import { resolveDataDir } from './config/data-dir.ts';
import type { Config } from './config/config.schema.ts';
import type { Keys } from './crypto/secret-key.ts';
import { openKeys } from './crypto/key-guard.ts';
import { connect, type Db } from './db/connect.ts';
import { LocalDiskStorage, type MediaStorage } from './adapters/storage/index.ts';
import { createSafeFetch, refusedAddresses } from './adapters/http-fetch/index.ts';
import { createJobQueue, type JobQueue } from './adapters/jobs/index.ts';
import { createArticles, type ArticleService } from './modules/articles/index.ts';
import { createArticleFollowUps } from './modules/articles/index.ts';
import type { MediaLookup } from './modules/articles/index.ts';
import { createAuthorService, type AuthorService } from './modules/authors/index.ts';
import { createTagService, type TagService } from './modules/tags/index.ts';
import {
  createImageWorker,
  createMediaService,
  toPublicMedia,
  type MediaService,
} from './modules/media/index.ts';
import { createApiKeyService, type ApiKeyService } from './modules/staff/index.ts';
import { createSetupTokenService, type SetupTokenService } from './modules/staff/index.ts';
import { createSignIn, type SignInService } from './modules/staff/index.ts';
import { createStaffDirectory, type StaffDirectory } from './modules/staff/index.ts';
import {
  createOutboxMailer,
  createSmtpMailer,
  createSnsVerifier,
  snsHostPattern,
  type SnsVerifier,
  loadDkimKey,
  type Mailer,
  type Outbox,
} from './adapters/mail/index.ts';
import { createSiteSettings, type SiteSettingsStore } from './modules/settings/index.ts';
import { searchJobs } from './modules/search/index.ts';
import { articleJobs, articleSchedules } from './modules/articles/index.ts';
import {
  createRenderedParts,
  paths,
  renderedPartsJobs,
  renderPartsFollowUp,
  type RenderedParts,
} from './modules/site/index.ts';
import { relatedArticleIds, relatedJobs } from './modules/related/index.ts';
import { cacheTags, invalidateOnArticleChange, PageCache } from './web/cache/index.ts';
import { createChangeFeed, type ChangeFeed } from './modules/change-feed/index.ts';
import { createFrontPage, frontPageJobs, type FrontPageStore } from './modules/frontpage/index.ts';
import type { Clock } from './lib/time.ts';
import { createAuditLog, type AuditLog } from './modules/audit/index.ts';
import { appealJobs, createAppeal, type AppealService } from './modules/appeal/index.ts';
import {
  createDonationReports,
  createDonations,
  donationJobs,
  donationSchedules,
  CHALLENGE_TTL_S,
  sharedCheckoutLimiter,
  supportPaths,
  type DonationReports,
  type Donations,
} from './modules/donations/index.ts';
import { createRateLimits } from './modules/rate-limits/index.ts';
import {
  createBankRail,
  createBtcpayRail,
  createStripeRail,
  createTestRail,
  type PaymentRail,
} from './adapters/payments/index.ts';
import {
  createMirrorService,
  createSosSender,
  loadOrCreateMirrorKey,
  mirrorJobs,
  mirrorKeyFile,
  noteIn,
  MIRROR_EXPORT_TASK,
  MIRROR_JOB_KEY,
  type MirrorExporter,
  type MirrorService,
  type SosSender,
} from './modules/mirrors/index.ts';
import { keyFilePath } from './crypto/secret-key.ts';
import { createBotApi, telegramFollowUp, telegramJobs } from './modules/telegram/index.ts';
import { isVisibleToReaders } from './modules/articles/index.ts';
import {
  createNewsletters,
  newsletterJobs,
  newsletterSchedules,
  type Newsletters,
  SEND_TASK,
  sendJobKey,
} from './modules/newsletters/index.ts';
import {
  createSubscribers,
  subscriberJobs,
  subscriberSchedules,
  type Subscribers,
} from './modules/subscribers/index.ts';
import { createRedirects, type RedirectService } from './modules/redirects/index.ts';

export interface Services {
  config: Config;
  dataDir: string;
  keys: Keys;
  db: Db;
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  media: MediaService;
  storage: MediaStorage;
  apiKeys: ApiKeyService;
  setupTokens: SetupTokenService;
  /** Staff sign-in, sessions, second factors, password resets. */
  signIn: SignInService;
  /** Staff as admins manage them: list, invites, roles, disabling, ownership; the mail outbox. */
  staff: StaffDirectory;
  /** Staff mail: SMTP when SMTP_URL is set, otherwise the outbox. */
  mailer: Mailer;
  /** The messages kept in DATA_DIR/outbox (null when mail goes to an SMTP server). */
  outbox: Outbox | null;
  settings: SiteSettingsStore;
  /** The ways out when the site is blocked, and the key the published list is signed with. */
  mirrors: MirrorService;
  /** The SOS letter to every subscriber of every list with the mirror list (`samizdat sos send`). */
  sos: SosSender;
  /** The editors' lead, featured stories and breaking strip on the home page. */
  frontPage: FrontPageStore;
  /** Who changed what: append-only, recorded in each change's transaction where it has one. */
  audit: AuditLog;
  /** The reader-revenue appeal: settings, anonymous counts per variant, reminders. */
  appeal: AppealService;
  /** Rendered public responses (pages, feeds, Content API), invalidated on every change. */
  pageCache: PageCache;
  /** Article page parts rendered when each article is saved (modules/site/rendered-parts). */
  renderedParts: RenderedParts;
  /** Tells the other processes on this database which cached pages a change here affects. */
  changeFeed: ChangeFeed;
  jobs: JobQueue;
  /** Reader revenue: gifts on the payment rails, donors, plans, receipts, the donor page. */
  donations: Donations;
  /** Reader revenue as admins read it: lists, the dashboard summary, CSV. */
  donationReports: DonationReports;
  /** Newsletter issues (digest, breaking), their schedule, the sending engine (modules/newsletters). */
  newsletters: Newsletters;
  /**
   * Newsletter lists, recipients, per-recipient links, suppression (the SubscriberDirectory of
   * NL-CONTRACT.md), plus signup, preferences, the privacy policy and admin operations.
   */
  subscribers: Subscribers;
  /** Checks Amazon SNS signatures (certificates only from SNS's hosts) for the SES bounce webhook. */
  snsVerifier: SnsVerifier;
  /** Old addresses (imported sites', editors') answering 301 before the public site's 404. */
  redirects: RedirectService;
  lookupMedia: MediaLookup;
  /** Read more: ids of related published articles, precomputed by the relatedness engine. */
  relatedArticleIds(articleId: string, limit: number): Promise<string[]>;
  publicationName(): string;
  close(): Promise<void>;
}

export interface ContainerOptions {
  /** Run migrations before anything else (serve and worker do; tests may have done it). */
  migrate?: boolean;
  /** A ready database (tests); otherwise DATABASE_URL or DATA_DIR/samizdat.sqlite. */
  db?: Db;
  now?: Clock;
  /**
   * Poll the change feed for other processes' changes (default true). Changes made here are
   * recorded in it either way.
   */
  changeFeed?: boolean;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** The job queue's backend; default graphile-worker on PostgreSQL, embedded on SQLite (tests pick). */
  jobBackend?: 'embedded' | 'graphile';
  /**
   * The static exporter behind MIRROR_DIR. It renders through the web server, which is built on
   * these services, so the web layer hands it in (src/web/services.ts); required with MIRROR_DIR.
   */
  exportMirror?: (services: Services, options: Parameters<MirrorExporter>[0]) => ReturnType<MirrorExporter>;
}

export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Services> {
  const { exportMirror } = options;
  if (config.MIRROR_DIR && !exportMirror)
    throw new Error(
      'MIRROR_DIR is set, but these services were built without the static exporter (src/web/services.ts)',
    );
  const dataDir = resolveDataDir(config);
  // Before anything opens: a DKIM key that cannot be read stops the start, naming the setting.
  const dkim = loadDkimKey(config);
  const db = options.db ?? (await connect({ url: config.DATABASE_URL || join(dataDir, 'samizdat.sqlite') }));
  // The migrations (every one of them, as code) are loaded only by a process that migrates.
  if (options.migrate !== false) await (await import('./db/migrate.ts')).migrateToLatest(db);
  // After migrating: the database tells whether the key file is the one its data is sealed with.
  const keys = await openKeys(db, { configuredFile: config.SECRET_KEY_FILE, dataDir }).catch(async (err) => {
    if (!options.db) await db.close();
    throw err;
  });
  const now = options.now;
  const log = options.log ?? (() => {});

  const pageCache = new PageCache({ maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 });
  const changeFeed = createChangeFeed({ db, log, ...(now ? { now } : {}) });
  // Where this process starts reading other processes' changes: taken before settings are read,
  // so a settings change committed in between is still applied here.
  const feedStart = options.changeFeed === false ? undefined : await changeFeed.latestId();
  /**
   * A change committed here: drop the pages it affects, and tell the other processes. Runs after
   * the commit, so it never throws: a failure here must not turn a saved change into an error.
   */
  const changed = (names: string[]) => {
    try {
      for (const name of names) pageCache.invalidate(name);
      changeFeed.publish(names);
    } catch (error) {
      log('error', 'could not invalidate cached pages after a change', {
        names,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  // MIRROR_DIR: a change to settings, taxonomy, media or the front page re-exports the mirror
  // (article changes enqueue it in their own transaction, below). After commit, so best effort:
  // a failure is logged and the next change enqueues it again.
  const mirrorAfter = (names: string[]) => {
    if (!config.MIRROR_DIR) return;
    jobs.enqueue(MIRROR_EXPORT_TASK, {}, { key: MIRROR_JOB_KEY }).catch((error: unknown) =>
      log('error', 'could not enqueue the mirror export', {
        names,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  };
  const clearAll = () => {
    changed([cacheTags.site]);
    mirrorAfter([cacheTags.site]);
  };
  const frontPageChanged = () => {
    changed([cacheTags.frontpage]);
    mirrorAfter([cacheTags.frontpage]);
  };
  const renderedParts = createRenderedParts({
    db,
    siteUrl: config.SITE_URL.replace(/\/+$/, ''),
    ...(now ? { now } : {}),
  });
  const related = relatedJobs({
    db,
    // Read more changed on these pages.
    onChanged: (ids) => changed(ids.map((id) => cacheTags.article(id))),
  });
  // Each newly published article posted to a Telegram channel, when one is configured; the
  // articles and media it reads are built below and reached only when a job runs.
  const telegram =
    config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_CHAT_ID
      ? {
          db,
          api: createBotApi({ apiUrl: config.TELEGRAM_API_URL, token: config.TELEGRAM_BOT_TOKEN }),
          chatId: config.TELEGRAM_CHAT_ID,
          async load(articleId: string) {
            const article = await articles.get(articleId).catch(() => undefined);
            if (!article) return undefined;
            const row = { status: article.status, published_at: article.publishedAt };
            if (!isVisibleToReaders(row, new Date())) return undefined;
            return {
              id: article.id,
              title: article.title,
              standfirst: article.standfirst,
              url: `${config.SITE_URL.replace(/\/+$/, '')}${paths.article(article.slug)}`,
              heroMediaId: article.heroMediaId,
            };
          },
          async photo(mediaId: string) {
            const record = (await mediaService.getMany([mediaId]))[0];
            // The widest JPEG/PNG no wider than 1280 (Telegram recompresses anything larger).
            const variant = record?.variants
              .filter((v) => v.format !== 'webp' && v.width <= 1280)
              .sort((a, b) => b.width - a.width)[0];
            const stored = variant ? await storage.get(variant.key) : undefined;
            if (!variant || !stored) return undefined;
            return {
              bytes: stored.bytes,
              contentType: stored.contentType,
              filename: `${mediaId}.${variant.format === 'png' ? 'png' : 'jpg'}`,
            };
          },
        }
      : undefined;
  // Every module's jobs; the scheduled-publishing handler reaches the articles, built next, only
  // when it runs.
  const jobs = createJobQueue(
    db,
    [
      ...articleJobs({ publishDue: () => articles.publishDue() }),
      ...searchJobs({ db }),
      ...related,
      // Bound late: the articles and media are built below.
      ...renderedPartsJobs({
        parts: () => renderedParts,
        articles: () => articles,
        media: () => ({ media }),
        jobs: () => jobs,
      }),
      ...frontPageJobs({ onExpired: frontPageChanged }),
      ...appealJobs({ sendReminder: (id) => appeal.sendReminder(id) }),
      ...donationJobs(() => donations),
      ...(telegram ? telegramJobs({ ...telegram, jobs: () => jobs, log }) : []),
      ...newsletterJobs({ newsletters: () => newsletters, jobs: () => jobs }),
      ...subscriberJobs({
        expire: (id) => subscribers.signup.expire(id),
        foldCounts: () => subscribers.foldCounts(),
      }),
      ...mirrorJobs({
        config,
        log,
        // Bound late: the export renders through the services this queue is part of.
        exportMirror: (mirror) => exportMirror!(services, mirror),
      }),
    ],
    {
      schedules: [
        ...articleSchedules(config.TIMEZONE),
        ...subscriberSchedules(config.TIMEZONE),
        ...newsletterSchedules(),
        ...donationSchedules(config.TIMEZONE),
      ],
      log,
      ...(options.jobBackend ? { backend: options.jobBackend } : {}),
    },
  );
  const audit = createAuditLog({ db, ...(now ? { now } : {}) });
  // What follows an article change is the articles module's policy; here it only gets its queue.
  const followUps = createArticleFollowUps({
    jobs,
    log,
    durable: [renderPartsFollowUp(jobs), ...(telegram ? [telegramFollowUp(jobs)] : [])],
    ...(config.MIRROR_DIR ? { publicChangeJobs: [{ task: MIRROR_EXPORT_TASK, key: MIRROR_JOB_KEY }] } : {}),
  });
  const articles = createArticles({
    db,
    changes: followUps,
    audit,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    ...(now ? { now } : {}),
    // An image from another site in a saved body becomes our own media (built below).
    remoteImages: {
      siteOrigin: new URL(config.SITE_URL).origin,
      budgetMs: config.REMOTE_FETCH_TIMEOUT_S * 3000,
      async importImage(url, details, signal) {
        const imported = await media.importFromUrl(url, details, signal);
        if (!imported.ok) return imported;
        return {
          ok: true,
          mediaId: imported.record.id,
          src: toPublicMedia(imported.record, mediaBaseUrl).url,
        };
      },
    },
  });
  // After an article change commits: drop the cached pages that show it or could list it, here
  // and (through the change feed) in every other process.
  followUps.subscribe(invalidateOnArticleChange(changed));
  const frontPage = createFrontPage({
    db,
    jobs,
    audit,
    onChange: frontPageChanged,
    ...(now ? { now } : {}),
  });
  const storage = new LocalDiskStorage(join(dataDir, 'media'));
  // Decodes uploads in a child process that exits when they stop, so memory returns after a burst.
  const imageWorker = createImageWorker();
  const mediaService = createMediaService({
    db,
    storage,
    ...(now ? { now } : {}),
    limits: {
      maxBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
      maxPixels: Math.round(config.MAX_IMAGE_MEGAPIXELS * 1_000_000),
    },
    imageConcurrency: config.IMAGE_CONCURRENCY,
    imageWorker,
    assertMayChange: articles.assertMayChangeMedia,
    fetchRemote: createSafeFetch({
      maxBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
      timeoutMs: config.REMOTE_FETCH_TIMEOUT_S * 1000,
      refuseAddress: refusedAddresses(config.REMOTE_FETCH_ALLOW_ADDRESSES),
    }),
  });
  // A caption, credit or deletion shows on every page using the photo: clear the page cache.
  const media: MediaService = {
    ...mediaService,
    async updateDetails(actor, id, details) {
      const record = await mediaService.updateDetails(actor, id, details);
      clearAll();
      return record;
    },
    async delete(actor, id) {
      await mediaService.delete(actor, id);
      clearAll();
    },
  };
  const authors = createAuthorService({
    db,
    encryptionKey: keys.encryption,
    onChange: clearAll,
    ...(now ? { now } : {}),
  });
  const tags = createTagService({ db, onChange: clearAll, ...(now ? { now } : {}) });
  const apiKeys = createApiKeyService({ db, hashingKeys: keys, ...(now ? { now } : {}) });
  const setupTokens = createSetupTokenService({ db, hashingKey: keys.hashing, ...(now ? { now } : {}) });
  const settings = await createSiteSettings(
    db,
    {
      name: config.PUBLICATION_NAME ?? 'Samizdat',
      timeZone: config.TIMEZONE,
      defaultLanguage: config.DEFAULT_LANGUAGE,
    },
    clearAll,
  );
  const mailFrom = config.MAIL_FROM || `samizdat@${new URL(config.SITE_URL).hostname}`;
  const smtp = config.SMTP_URL
    ? createSmtpMailer(config.SMTP_URL, mailFrom, {
        connections: config.MAIL_CONCURRENCY,
        ...(dkim ? { dkim } : {}),
      })
    : undefined;
  const outboxMailer = smtp ? undefined : createOutboxMailer(join(dataDir, 'outbox'), mailFrom);
  const mailer: Mailer = smtp ?? outboxMailer!;
  const sessionPolicy = {
    idleMs: config.SESSION_IDLE_HOURS * 3600_000,
    absoluteMs: config.SESSION_ABSOLUTE_DAYS * 24 * 3600_000,
  };
  const signIn = createSignIn({
    db,
    keys,
    policy: sessionPolicy,
    mailer,
    siteUrl: config.SITE_URL,
    publicationName: () => settings.get().name,
    audit,
    log,
    ...(now ? { now } : {}),
  });
  const staffDirectory = createStaffDirectory({
    db,
    keys,
    mailer,
    outbox: outboxMailer?.outbox ?? null,
    siteUrl: config.SITE_URL,
    policy: sessionPolicy,
    publicationName: () => settings.get().name,
    audit,
    log,
    ...(now ? { now } : {}),
  });

  // Reader revenue: the rails configured, in the order donors see them; the TEST rail when none is
  // (or when asked for). Nothing here calls a provider: checkouts are made when donors ask.
  const siteUrl = config.SITE_URL.replace(/\/+$/, '');
  const rails: PaymentRail[] = [];
  if (config.STRIPE_SECRET_KEY) {
    rails.push(
      createStripeRail({
        secretKey: config.STRIPE_SECRET_KEY,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        apiUrl: config.STRIPE_API_URL,
      }),
    );
  }
  if (config.BTCPAY_URL && config.BTCPAY_API_KEY && config.BTCPAY_STORE_ID) {
    rails.push(
      createBtcpayRail({
        url: config.BTCPAY_URL,
        apiKey: config.BTCPAY_API_KEY,
        storeId: config.BTCPAY_STORE_ID,
        webhookSecret: config.BTCPAY_WEBHOOK_SECRET,
      }),
    );
  }
  if (config.BANK_TRANSFER_DETAILS) {
    // Our own pages: origin-relative, so a reader on an alternate origin or the onion stays there.
    rails.push(createBankRail({ pageUrl: (ref) => supportPaths.bank(ref) }));
  }
  if (config.DONATIONS_TEST_RAIL === 'on' || (config.DONATIONS_TEST_RAIL === 'auto' && rails.length === 0)) {
    rails.push(createTestRail({ pageUrl: (ref) => supportPaths.testCheckout(ref) }));
  }
  const checkoutLimits = createRateLimits({ db, hashingKey: keys.hashing, ...(now ? { now } : {}) });
  const donations = createDonations({
    db,
    keys,
    rails,
    mailer,
    jobs: () => jobs,
    audit,
    siteUrl,
    publicationName: () => settings.get().name,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    log,
    ...(now ? { now } : {}),
    // Card testing: checkout attempts per address range (/24, /48) and per e-mail, all processes.
    limiter: sharedCheckoutLimiter((policy, subject) => checkoutLimits.hit(policy, subject), {
      perRange: config.DONATIONS_CHECKOUTS_PER_RANGE,
      perEmail: config.DONATIONS_CHECKOUTS_PER_EMAIL,
      windowMs: 10 * 60_000,
    }),
    // The optional proof-of-work step: each challenge accepted once, in every process.
    proofOfWork: {
      bits: config.DONATIONS_PROOF_OF_WORK_BITS,
      spend: async (nonce) =>
        (
          await checkoutLimits.hit(
            { name: 'donation-pow-spent', limit: 1, windowMs: (CHALLENGE_TTL_S + 120) * 1000 },
            nonce,
          )
        ).allowed,
    },
    // A completed gift counts as a conversion for the appeal variant that led to it.
    onGiftCompleted: (gift) => appeal.recordConversion(gift.variant),
  });
  // The appeal renders synchronously from memory: keep the donations module's public rules here,
  // read again when they change (here or, through the change feed, in another process).
  let moneyRules = await donations.publicRules();
  const refreshMoneyRules = async () => {
    moneyRules = await donations.publicRules();
  };
  const updateDonationRules = donations.updateRules;
  // New amounts show on every page carrying the appeal.
  donations.updateRules = async (actor, input) => {
    const updated = await updateDonationRules(actor, input);
    await refreshMoneyRules();
    clearAll();
    return updated;
  };
  const appeal = await createAppeal({
    db,
    // The amounts, currencies and rails are the donations module's.
    moneyRules: () => moneyRules,
    onChange: clearAll,
    ...(now ? { now } : {}),
    reminders: {
      keys,
      jobs,
      mailer,
      publicationName: () => settings.get().name,
      supportUrl: (lang) =>
        `${config.SITE_URL.replace(/\/+$/, '')}${lang === config.DEFAULT_LANGUAGE ? '' : `/${lang}`}/support`,
    },
  });
  const donationReports = createDonationReports({
    db,
    keys,
    variantCounters: () => appeal.variantTotals(),
  });

  const subscribers = createSubscribers({
    db,
    keys,
    mailer,
    jobs,
    rateLimits: createRateLimits({ db, hashingKey: keys.hashing, ...(now ? { now } : {}) }),
    siteUrl: config.SITE_URL,
    mailFrom,
    publicationName: () => settings.get().name,
    softBounceLimit: config.NEWSLETTER_SOFT_BOUNCE_LIMIT,
    confirmHours: config.NEWSLETTER_CONFIRM_HOURS,
    onListsChange: clearAll,
    log,
    ...(now ? { now } : {}),
  });
  await subscribers.ensureLanguageLists(settings.get().languages);
  const mirrors = createMirrorService({
    siteUrl: config.SITE_URL,
    stored: () => settings.get().mirrors,
    config,
    key: loadOrCreateMirrorKey(mirrorKeyFile(keyFilePath(config.SECRET_KEY_FILE, dataDir))),
  });

  // Issues, their schedule and the sending engine; recipients and links come from subscribers.
  const newsletters = createNewsletters({
    db,
    mailer,
    directory: subscribers,
    siteUrl: config.SITE_URL,
    timeZone: () => settings.get().time_zone,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    publicationName: () => settings.get().name,
    picks: async () => {
      const page = await frontPage.get();
      return [...(page.lead ? [page.lead] : []), ...page.featured];
    },
    // Every way in but the newsletter itself, read when an issue goes out.
    mirrors: (language) =>
      mirrors
        .list()
        .filter((m) => m.kind !== 'newsletter')
        .map((m) => ({ url: m.url, label: noteIn(m, language) })),
    concurrency: config.MAIL_CONCURRENCY,
    ratePerSecond: config.MAIL_RATE_PER_SECOND,
    log,
    // An issue went out: its archive pages (index, the issue) are stale here and elsewhere.
    onSent: () => changed([cacheTags.newsletters]),
    enqueueSend: async (issueId) => {
      await jobs.enqueue(SEND_TASK, { issueId }, { key: sendJobKey(issueId) });
    },
    ...(now ? { now } : {}),
  });

  // A change committed by another process: drop the same pages here. Nothing is published again
  // and no indexing or job runs: the process that made the change did all that.
  if (feedStart !== undefined) {
    await changeFeed.start(
      async (names) => {
        try {
          if (names.includes(cacheTags.site))
            await Promise.all([settings.reload(), appeal.reload(), refreshMoneyRules()]);
        } finally {
          for (const name of names) pageCache.invalidate(name);
        }
      },
      { after: feedStart },
    );
  }

  const mediaBaseUrl = `${config.SITE_URL}${paths.media('')}`.replace(/\/$/, '');
  const lookupMedia: MediaLookup = async (ids) => {
    const records = await media.getMany([...new Set(ids)]);
    return new Map(records.map((r) => [r.id, toPublicMedia(r, mediaBaseUrl)]));
  };

  const services: Services = {
    config,
    dataDir,
    keys,
    db,
    articles,
    authors,
    tags,
    media,
    storage,
    apiKeys,
    setupTokens,
    signIn,
    staff: staffDirectory,
    mailer,
    outbox: outboxMailer?.outbox ?? null,
    settings,
    mirrors,
    sos: createSosSender({
      db,
      mailer,
      directory: subscribers,
      mirrors: () => mirrors.list(),
      siteUrl: config.SITE_URL,
      publicationName: () => settings.get().name,
      concurrency: config.MAIL_CONCURRENCY,
      ratePerSecond: config.MAIL_RATE_PER_SECOND,
      log,
      ...(now ? { now } : {}),
    }),
    frontPage,
    audit,
    appeal,
    pageCache,
    renderedParts,
    changeFeed,
    jobs,
    donations,
    donationReports,
    subscribers,
    newsletters,
    snsVerifier: createSnsVerifier({ hosts: snsHostPattern(config.SNS_CERT_HOST_PATTERN) }),
    redirects: createRedirects({ db, articlePath: paths.article, ...(now ? { now } : {}) }),
    lookupMedia,
    relatedArticleIds: (articleId, limit) => relatedArticleIds(db, articleId, limit),
    publicationName: () => settings.get().name,
    async close() {
      imageWorker.close();
      smtp?.close();
      await jobs.stop();
      // After the jobs, whose last changes it still writes.
      await changeFeed.stop();
      if (!options.db) await db.close();
    },
  };
  return services;
}
