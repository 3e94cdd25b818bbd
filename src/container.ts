// The composition root: the only place that picks concrete adapters and wires modules together.
// Everything else receives its dependencies. Each module's services are built in src/composition/;
// this file only composes them, in order. Services built later are reached through closures
// (`() => articles`), called only once everything is built.
import type { Config } from './config/config.schema.ts';
import type { Keys } from './crypto/secret-key.ts';
import type { Db } from './db/connect.ts';
import type { MediaStorage } from './adapters/storage/index.ts';
import type { JobQueue } from './adapters/jobs/index.ts';
import { createSnsVerifier, loadDkimKey, snsHostPattern } from './adapters/mail/index.ts';
import type { Mailer, Outbox, SnsVerifier } from './adapters/mail/index.ts';
import type { ArticleService, MediaLookup } from './modules/articles/index.ts';
import { createAuthorService, type AuthorService } from './modules/authors/index.ts';
import { createTagService, type TagService } from './modules/tags/index.ts';
import type { MediaService } from './modules/media/index.ts';
import type {
  ApiKeyService,
  SetupTokenService,
  SignInService,
  StaffDirectory,
} from './modules/staff/index.ts';
import { createSiteSettings, type SiteSettingsStore } from './modules/settings/index.ts';
import { createRenderedParts, paths, type RenderedParts } from './modules/site/index.ts';
import { relatedArticleIds } from './modules/related/index.ts';
import type { PageCache } from './web/cache/index.ts';
import type { ChangeFeed } from './modules/change-feed/index.ts';
import { createFrontPage, type FrontPageStore } from './modules/frontpage/index.ts';
import type { Clock } from './lib/time.ts';
import { createAuditLog, type AuditLog } from './modules/audit/index.ts';
import type { AppealService } from './modules/appeal/index.ts';
import { createDonationReports, type DonationReports, type Donations } from './modules/donations/index.ts';
import type { MirrorExporter, MirrorService, SosSender } from './modules/mirrors/index.ts';
import type { Newsletters } from './modules/newsletters/index.ts';
import type { Subscribers } from './modules/subscribers/index.ts';
import { createRedirects, type RedirectService } from './modules/redirects/index.ts';
import { siteBase, type Log } from './composition/context.ts';
import { openContext } from './composition/open-context.ts';
import { createChangeSignals, followOtherProcesses } from './composition/change-signals.ts';
import { telegramChannel } from './composition/telegram.ts';
import { buildJobQueue } from './composition/job-queue.ts';
import { buildArticles } from './composition/articles.ts';
import { buildMedia } from './composition/media.ts';
import { buildMail } from './composition/mail.ts';
import { buildStaff } from './composition/staff.ts';
import { buildDonations } from './composition/donations.ts';
import { buildAppeal } from './composition/appeal.ts';
import { buildNewsletters, buildSubscribers } from './composition/newsletters.ts';
import { buildMirrors, buildSos } from './composition/mirrors.ts';

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
  log?: Log;
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
  // Before anything opens: a DKIM key that cannot be read stops the start, naming the setting.
  const dkim = loadDkimKey(config);
  const ctx = await openContext(config, options);
  const { dataDir, db, keys, clock } = ctx;

  const signals = await createChangeSignals(ctx, {
    follow: options.changeFeed !== false,
    jobs: () => jobs,
  });
  const { pageCache, changeFeed, clearAll, frontPageChanged } = signals;
  const renderedParts = createRenderedParts({ db, siteUrl: siteBase(config), ...clock });
  const telegram = telegramChannel(ctx, {
    articles: () => articles,
    media: () => media,
    storage: () => storage,
  });
  const jobs = buildJobQueue(ctx, {
    signals,
    renderedParts,
    telegram,
    jobBackend: options.jobBackend,
    late: {
      articles: () => articles,
      media: () => media,
      appeal: () => appeal,
      donations: () => donations,
      newsletters: () => newsletters,
      subscribers: () => subscribers,
      exportMirror: (mirror) => exportMirror!(services, mirror),
    },
  });
  const audit = createAuditLog({ db, ...clock });
  const articles = buildArticles(ctx, {
    jobs,
    audit,
    signals,
    telegram: telegram !== undefined,
    media: () => media,
  });
  const frontPage = createFrontPage({ db, jobs, audit, onChange: frontPageChanged, ...clock });
  const { storage, media, lookupMedia, ...mediaWorker } = buildMedia(ctx, { articles, clearAll });
  const authors = createAuthorService({ db, encryptionKey: keys.encryption, onChange: clearAll, ...clock });
  const tags = createTagService({ db, onChange: clearAll, ...clock });
  const settings = await createSiteSettings(
    db,
    {
      name: config.PUBLICATION_NAME ?? 'Samizdat',
      timeZone: config.TIMEZONE,
      defaultLanguage: config.DEFAULT_LANGUAGE,
    },
    clearAll,
  );
  const publicationName = () => settings.get().name;
  const mail = buildMail(ctx, dkim);
  const { mailer } = mail;
  const staff = buildStaff(ctx, { mailer, outbox: mail.outbox, audit, publicationName });

  const { donations, moneyRules, refreshMoneyRules } = await buildDonations(ctx, {
    mailer,
    jobs: () => jobs,
    audit,
    publicationName,
    clearAll,
    appeal: () => appeal,
  });
  const appeal = await buildAppeal(ctx, { moneyRules, jobs, mailer, publicationName, clearAll });
  const donationReports = createDonationReports({
    db,
    keys,
    variantCounters: () => appeal.variantTotals(),
  });

  const subscribers = await buildSubscribers(ctx, {
    mailer,
    mailFrom: mail.mailFrom,
    jobs,
    settings,
    clearAll,
  });
  const mirrors = buildMirrors(ctx, settings);
  const newsletters = buildNewsletters(ctx, {
    mailer,
    jobs,
    subscribers,
    settings,
    frontPage,
    mirrors,
    signals,
  });

  await followOtherProcesses(signals, () =>
    Promise.all([settings.reload(), appeal.reload(), refreshMoneyRules()]),
  );

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
    ...staff,
    mailer,
    outbox: mail.outbox,
    settings,
    mirrors,
    sos: buildSos(ctx, { mailer, subscribers, mirrors, settings }),
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
    redirects: createRedirects({ db, articlePath: paths.article, ...clock }),
    lookupMedia,
    relatedArticleIds: (articleId, limit) => relatedArticleIds(db, articleId, limit),
    publicationName,
    async close() {
      mediaWorker.close();
      mail.close();
      await jobs.stop();
      // After the jobs, whose last changes it still writes.
      await changeFeed.stop();
      if (!options.db) await db.close();
    },
  };
  return services;
}
