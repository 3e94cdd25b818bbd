// The composition root: the only file that picks concrete adapters and wires modules together.
// Everything else receives its dependencies.
import { join } from 'node:path';
import { resolveDataDir } from './config/data-dir.ts';
import type { Config } from './config/config.schema.ts';
import { deriveKeys, loadOrCreateMasterKey, type Keys } from './crypto/secret-key.ts';
import { connect, type Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { LocalDiskStorage, type MediaStorage } from './adapters/storage/index.ts';
import { createJobQueue, type JobQueue } from './adapters/jobs/index.ts';
import { createArticleEvents, type ArticleEvents } from './modules/articles/article-events.ts';
import { createArticleService, type ArticleService } from './modules/articles/article-service.ts';
import type { MediaLookup } from './modules/articles/present-article.ts';
import { createAuthorService, type AuthorService } from './modules/authors/author-service.ts';
import { createTagService, type TagService } from './modules/tags/tag-service.ts';
import {
  createImageWorker,
  createMediaService,
  toPublicMedia,
  type MediaService,
} from './modules/media/index.ts';
import { createApiKeyService, type ApiKeyService } from './modules/staff/api-key-service.ts';
import { createSetupTokenService, type SetupTokenService } from './modules/staff/setup-token-service.ts';
import { createSiteSettings, type SiteSettingsStore } from './modules/settings/site-settings.ts';
import { indexArticle, removeFromIndex } from './modules/search/index.ts';
import { articleJobs, articleSchedules, PUBLISH_DUE_TASK } from './modules/articles/article-jobs.ts';
import { paths } from './modules/site/urls.ts';
import { relatedArticleIds, relatedEventHandler, relatedJobs } from './modules/related/index.ts';
import { deps as cacheDeps, PageCache } from './modules/site/page-cache.ts';
import { createChangeFeed, type ChangeFeed } from './modules/change-feed/index.ts';
import type { Clock } from './lib/time.ts';

export interface Services {
  config: Config;
  dataDir: string;
  keys: Keys;
  db: Db;
  events: ArticleEvents;
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  media: MediaService;
  storage: MediaStorage;
  apiKeys: ApiKeyService;
  setupTokens: SetupTokenService;
  settings: SiteSettingsStore;
  /** Rendered public responses (pages, feeds, Content API), invalidated on every change. */
  pageCache: PageCache;
  /** Tells the other processes on this database which cached pages a change here affects. */
  changeFeed: ChangeFeed;
  jobs: JobQueue;
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
}

export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Services> {
  const dataDir = resolveDataDir(config);
  const keys = deriveKeys(loadOrCreateMasterKey(config.SECRET_KEY_FILE, dataDir));
  const db = options.db ?? (await connect({ url: config.DATABASE_URL || join(dataDir, 'samizdat.sqlite') }));
  if (options.migrate !== false) await migrateToLatest(db);
  const now = options.now;
  const log = options.log ?? (() => {});

  const events = createArticleEvents();
  const pageCache = new PageCache();
  const changeFeed = createChangeFeed({ db, log, ...(now ? { now } : {}) });
  // Where this process starts reading other processes' changes: taken before settings are read,
  // so a settings change committed in between is still applied here.
  const feedStart = options.changeFeed === false ? undefined : await changeFeed.latestId();
  /** A change committed here: drop the pages it affects, and tell the other processes. */
  const changed = (names: string[]) => {
    for (const name of names) pageCache.invalidate(name);
    changeFeed.publish(names);
  };
  const clearAll = () => changed([cacheDeps.site]);
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
  });
  // A caption, credit or deletion shows on every page using the photo: clear the page cache.
  const media: MediaService = {
    ...mediaService,
    async updateDetails(id, details) {
      const record = await mediaService.updateDetails(id, details);
      clearAll();
      return record;
    },
    async delete(id) {
      await mediaService.delete(id);
      clearAll();
    },
  };
  const articles = createArticleService({
    db,
    events,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    ...(now ? { now } : {}),
  });
  const authors = createAuthorService({
    db,
    encryptionKey: keys.encryption,
    onChange: clearAll,
    ...(now ? { now } : {}),
  });
  const tags = createTagService({ db, onChange: clearAll, ...(now ? { now } : {}) });
  const apiKeys = createApiKeyService({ db, hashingKey: keys.hashing, ...(now ? { now } : {}) });
  const setupTokens = createSetupTokenService({ db, hashingKey: keys.hashing, ...(now ? { now } : {}) });
  const settings = await createSiteSettings(db, config.PUBLICATION_NAME ?? 'Samizdat', clearAll);

  const related = relatedJobs({
    db,
    // Read more changed on these pages.
    onChanged: (ids) => changed(ids.map((id) => cacheDeps.article(id))),
  });
  const jobs = createJobQueue(db, [...articleJobs({ articles }), ...related], {
    schedules: articleSchedules(config.TIMEZONE),
    log,
  });

  // Derived state follows every committed change: first the cached pages that show the article
  // or could list it, then the search index and the publication schedule.
  events.on((event) => changed([cacheDeps.article(event.articleId), cacheDeps.listings]));
  events.on(async (event) => {
    if (event.type === 'article.deleted') {
      await removeFromIndex(db, event.articleId);
      await jobs.cancel(`publish:${event.articleId}`);
      return;
    }
    const article = await articles.get(event.articleId);
    await indexArticle(db, {
      id: article.id,
      language: article.language,
      title: article.title,
      standfirst: article.standfirst,
      bodyText: article.bodyText,
    });
    if (article.status === 'scheduled' && article.publishedAt) {
      await jobs.enqueue(
        PUBLISH_DUE_TASK,
        {},
        { runAt: new Date(article.publishedAt), key: `publish:${article.id}` },
      );
    } else if (event.type === 'article.status') {
      await jobs.cancel(`publish:${article.id}`);
    }
  });

  events.on(relatedEventHandler(jobs));

  // A change committed by another process: drop the same pages here. Nothing is published again
  // and no indexing or job runs: the process that made the change did all that.
  if (feedStart !== undefined) {
    await changeFeed.start(
      async (names) => {
        try {
          if (names.includes(cacheDeps.site)) await settings.reload();
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

  return {
    config,
    dataDir,
    keys,
    db,
    events,
    articles,
    authors,
    tags,
    media,
    storage,
    apiKeys,
    setupTokens,
    settings,
    pageCache,
    changeFeed,
    jobs,
    lookupMedia,
    relatedArticleIds: (articleId, limit) => relatedArticleIds(db, articleId, limit),
    publicationName: () => settings.get().name,
    async close() {
      imageWorker.close();
      await jobs.stop();
      // After the jobs, whose last changes it still writes.
      await changeFeed.stop();
      if (!options.db) await db.close();
    },
  };
}
