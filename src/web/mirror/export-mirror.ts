// `samizdat mirror export DIR`: the public site as static files. Every page, feed, sitemap,
// stylesheet and image is rendered by the real server in this process (Fastify's inject: the
// code path readers get), found from the sitemaps and by following internal links, so a new kind
// of page is mirrored without a change here. See docs/mirrors.md for the guarantees.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Services } from '../../container.ts';
import { changesSince } from '../../modules/change-feed/index.ts';
import { articleSitemapKeys, createSite, type Site, type SiteServices } from '../../modules/site/index.ts';
import type { Tag } from '../../modules/tags/index.ts';
import { cacheTags, PageCache, sentFromCache } from '../cache/index.ts';
import { buildServer } from '../server.ts';
import { filesToRefresh, MIRROR_FORMAT, type ManifestEntry, type ManifestHeader } from './mirror-manifest.ts';
import { listingsShowing } from './mirror-listings.ts';
import {
  createManifest,
  MANIFEST_FILE,
  type ManifestChanges,
  openManifest,
  type ManifestStore,
  type ManifestWriter,
} from './mirror-manifest-store.ts';
import { assertWritable, lockFolder, MirrorError, nodeMirrorFs, type MirrorFs } from './mirror-files.ts';
import { createStaging, recoverStaging, STAGED_MANIFEST, STAGING_FOLDER } from './mirror-staging.ts';
import { fileForPath, isServerOnly, stripQuery } from './mirror-paths.ts';
import {
  rewriteCss,
  rewriteFeedOrSitemap,
  rewriteHtml,
  rewriteRobots,
  type Rewritten,
} from './rewrite-links.ts';
import { searchNoticePage } from './search-notice.ts';

export { MirrorError } from './mirror-files.ts';

export interface MirrorExportOptions {
  dir: string;
  /** Render everything even when the manifest would allow an incremental export. */
  full?: boolean;
  /** The mirror's public URL, for absolute links in feeds, sitemaps and robots.txt. */
  baseUrl?: string;
  /** Tests: a file system that fails like a full disk. */
  fs?: MirrorFs;
  /** Told each time a file is done. */
  onProgress?: (done: number) => void;
  /** Tests: URLs per article sitemap (the site's default otherwise, the protocol's maximum). */
  sitemapPageSize?: number;
}

export interface MirrorExportResult {
  mode: 'full' | 'incremental';
  /** Why a full export was needed, when it was. */
  reason?: string;
  written: number;
  unchanged: number;
  deleted: number;
  /** Files the mirror holds now. */
  files: number;
  /** Internal links that led nowhere (404), by site path: reported, never written. */
  broken: string[];
}

/** What the server answered for one site path. */
interface Fetched {
  status: number;
  contentType: string;
  body: Buffer;
  tags: string[];
}

const CONCURRENCY = 4;
const SEEDS = [
  '/',
  '/robots.txt',
  '/sitemap.xml',
  '/sitemap-news.xml',
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
];

const hashOf = (data: Buffer | string) => createHash('sha256').update(data).digest('base64url').slice(0, 32);

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Renders through the real server with its own page cache (nothing compressed, nothing kept). */
async function exportServer(services: Services, sitemapPageSize?: number) {
  // Every page of every listing is read: each listing once, whole (listing-snapshot.ts), and the
  // tag list (on every page, in the navigation) once; neither changes for the export's purposes.
  const tagList = new Map<string, Promise<Tag[]>>();
  const snapshot = services.articles.listingSnapshot();
  let whole = false;
  const siteServices: SiteServices = {
    ...services,
    articles: {
      ...services.articles,
      list: (query, fixed, options) =>
        whole ? snapshot.list(query, fixed, options) : services.articles.list(query, fixed, options),
    },
    tags: {
      ...services.tags,
      async list(options = {}) {
        const key = JSON.stringify(options);
        let tags = tagList.get(key);
        if (!tags) {
          tags = services.tags.list(options);
          tagList.set(key, tags);
        }
        return structuredClone(await tags);
      },
    },
  };
  const site: Site = await createSite(siteServices, {
    cache: new PageCache({ maxEntries: 0, compress: false }),
    relatedArticleIds: services.relatedArticleIds,
    // A mirror has nothing to post to: no signup form, no appeal.
    readOnly: true,
    ...(sitemapPageSize ? { sitemaps: { pageSize: sitemapPageSize } } : {}),
  });
  const app = await buildServer(services, { site, admin: null, replayCache: false, logger: false });
  const tagsOf = new Map<string, string[]>();
  app.addHook('onResponse', (request, reply, done) => {
    const id = request.headers['x-mirror-request'];
    const entry = sentFromCache(reply);
    if (typeof id === 'string') tagsOf.set(id, entry ? [...entry.tags] : []);
    done();
  });
  let n = 0;
  const get = async (path: string): Promise<Fetched> => {
    const id = String(++n);
    const response = await app.inject({
      method: 'GET',
      url: path,
      headers: { 'accept-encoding': 'identity', 'x-mirror-request': id },
    });
    const tags = tagsOf.get(id) ?? [];
    tagsOf.delete(id);
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.rawPayload,
      tags,
    };
  };
  /** Whether listings are read whole (a full export) or page by page (an incremental one, a few heads). */
  const readWhole = (on: boolean) => {
    whole = on;
  };
  return { app, site, get, readWhole };
}

/** The search pages of every language: on a mirror, a page saying search needs the server. */
function searchPaths(site: Site): Map<string, string> {
  const { defaultLanguage } = site.context;
  return new Map(
    site.context.languages().map((lang) => [lang === defaultLanguage ? '/search' : `/${lang}/search`, lang]),
  );
}

function rewrite(file: string, fetched: Fetched, siteUrl: string, baseUrl?: string): Rewritten | undefined {
  const type = fetched.contentType.split(';')[0]!.trim().toLowerCase();
  const ctx = { file, siteUrl, ...(baseUrl ? { baseUrl } : {}) };
  const text = () => fetched.body.toString('utf8');
  if (type === 'text/html') return rewriteHtml(text(), ctx);
  if (type === 'text/css') return rewriteCss(text(), ctx);
  if (type.endsWith('xml') || type === 'text/xsl') return rewriteFeedOrSitemap(text(), ctx, 'xml');
  if (type.endsWith('json')) return rewriteFeedOrSitemap(text(), ctx, 'json');
  if (file === 'robots.txt') return rewriteRobots(text(), ctx);
  return undefined; // images, fonts: as they are
}

export async function exportMirror(
  services: Services,
  options: MirrorExportOptions,
): Promise<MirrorExportResult> {
  const io = options.fs ?? nodeMirrorFs;
  const dir = options.dir;
  const siteUrl = services.config.SITE_URL.replace(/\/+$/, '');
  const baseUrl = options.baseUrl?.replace(/\/+$/, '') || undefined;
  await assertWritable(io, dir);
  const unlock = await lockFolder(dir);
  const { app, site, get, readWhole } = await exportServer(services, options.sitemapPageSize);
  // Changes are rendered aside and committed at the end: readers never see a half-done export.
  const staging = createStaging(io, dir);
  let previous: ManifestStore | undefined;
  let writer: ManifestWriter | undefined;
  try {
    await recoverStaging(io, dir);
    const version = `${packageVersion()} ${site.context.theme.assets.urlOf('site.css')}`;
    previous = openManifest(join(dir, MANIFEST_FILE));
    const last = previous?.header;
    // Taken before anything is rendered: a change made during the export is applied next time.
    const since = await changesSince(services.db, last?.changeFeed ?? null);
    const header: ManifestHeader = {
      format: MIRROR_FORMAT,
      version,
      siteUrl,
      baseUrl: baseUrl ?? null,
      changeFeed: since.latest,
    };
    const fullReason = options.full
      ? 'asked for'
      : !last
        ? 'no earlier export in this folder'
        : last.version !== version
          ? 'Samizdat or its theme changed'
          : last.siteUrl !== siteUrl || last.baseUrl !== (baseUrl ?? null)
            ? 'SITE_URL or the base URL changed'
            : !since.complete
              ? 'the changes since the last export are no longer all on record'
              : since.deps.includes(cacheTags.site)
                ? 'settings, navigation, taxonomy or media changed'
                : undefined;
    const result: MirrorExportResult = {
      mode: fullReason ? 'full' : 'incremental',
      ...(fullReason ? { reason: fullReason } : {}),
      written: 0,
      unchanged: 0,
      deleted: 0,
      files: 0,
      broken: [],
    };
    // A full export reads every page of every listing: each listing is read whole, once.
    readWhole(fullReason !== undefined);
    const searches = searchPaths(site);
    const known = (file: string) => previous?.entry(file);
    // A full export writes a new manifest as it goes; an incremental one keeps its few changes.
    if (fullReason) {
      await mkdir(join(dir, STAGING_FOLDER), { recursive: true });
      writer = createManifest(join(dir, STAGING_FOLDER, STAGED_MANIFEST));
      // Where each article is in the article sitemaps: the next export renders only those that moved.
      writer.putArticleKeys(await articleSitemapKeys(services.db.kysely));
    }
    const put: Array<[string, ManifestEntry]> = [];
    let keys: ManifestChanges['keys'];
    const gone: string[] = [];
    const rendered = new Set<string>();
    // Compared by content with what is on disk only when asked to, or with no manifest to trust.
    const checkDisk = options.full === true || !last;
    const queue: string[] = [];
    const queued = new Set<string>();
    /** Queues the files these site paths are, once each; an incremental export only those it lacks. */
    const enqueue = (...paths: string[]) => {
      const wanted = new Map<string, string>();
      for (const path of paths) {
        const bare = stripQuery(path);
        if (isServerOnly(bare)) continue;
        const file = fileForPath(bare);
        if (file && !queued.has(file) && !wanted.has(file)) wanted.set(file, bare);
      }
      // An incremental export follows links only to files the mirror does not have yet (asked
      // in batches: a 50,000-link sitemap is one page).
      const have = !fullReason && previous ? previous.existing([...wanted.keys()]) : new Set<string>();
      for (const [file, bare] of wanted) {
        if (have.has(file)) continue;
        queued.add(file);
        queue.push(bare);
      }
    };

    const one = async (path: string) => {
      const file = fileForPath(path)!;
      const lang = searches.get(path);
      const fetched = lang ? await searchNoticePage(get, path, lang) : await get(path);
      if (fetched.status !== 200) {
        if (fetched.status === 404 || fetched.status === 410) {
          if (known(file)) gone.push(file);
          else result.broken.push(path);
        } else if (fetched.status >= 500) {
          throw new MirrorError(
            `the server answered ${fetched.status} for ${path}; nothing more was written`,
          );
        }
        return; // redirects and the rest: not mirrored
      }
      const rewritten = rewrite(file, fetched, siteUrl, baseUrl);
      enqueue(...(rewritten?.links ?? []));
      const body = rewritten ? rewritten.body : fetched.body;
      const hash = hashOf(body);
      const tags =
        fetched.contentType.startsWith('text/html') && fetched.tags.length === 0
          ? [cacheTags.listings] // rendered outside the cache (the search notice): refresh with listings
          : fetched.tags.filter((t) => t !== cacheTags.site);
      const entry: ManifestEntry = { path, hash, tags };
      rendered.add(file);
      if (writer) writer.put(file, entry);
      else put.push([file, entry]);
      const same = checkDisk ? await sameOnDisk(io, dir, file, body) : known(file)?.hash === hash;
      if (same) {
        result.unchanged++;
      } else {
        await staging.write(file, body);
        result.written++;
      }
      options.onProgress?.(rendered.size);
    };

    if (fullReason) {
      for (const seed of SEEDS) enqueue(seed);
      for (const lang of site.context.languages().slice(1)) {
        for (const seed of ['/', '/feed.xml', '/atom.xml', '/feed.json']) enqueue(`/${lang}${seed}`);
      }
      for (const path of searches.keys()) enqueue(path);
    } else {
      // Immutable files (fingerprinted assets, media variants) and untouched pages stay as they are.
      const lists = await listingsShowing(services, since.deps, previous!, options.sitemapPageSize);
      keys = lists.keys;
      for (const file of filesToRefresh(previous!, new Set(since.deps), lists.changed)) {
        queued.add(file);
        queue.push(known(file)!.path);
      }
    }
    await drain(queue, one);

    // Files the last export wrote that this one did not: gone from the site (a full export), or
    // answered 404 now (an incremental one).
    let removed: string[];
    if (fullReason) {
      removed = previous ? [...previous.files()].filter((file) => !rendered.has(file)) : [];
    } else {
      removed = gone.filter((file) => !rendered.has(file));
    }
    removed.sort();
    result.deleted = removed.length;
    result.files = fullReason
      ? rendered.size
      : previous!.count() + put.filter(([file]) => !known(file)).length - removed.length;
    previous?.close();
    previous = undefined;
    if (writer) {
      writer.finish(header);
      writer = undefined;
      await staging.commit(removed, 'replace');
    } else {
      await staging.commit(removed, { header, put, remove: removed, ...(keys ? { keys } : {}) });
    }
    result.broken.sort();
    return result;
  } catch (err) {
    writer?.abandon();
    await staging.discard().catch(() => {});
    throw err;
  } finally {
    previous?.close();
    await app.close();
    await unlock();
  }
}

/** Runs `work` over the queue (which grows while it runs), a few at a time; the first error stops it. */
async function drain(queue: string[], work: (path: string) => Promise<void>): Promise<void> {
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined) {
      const next = queue.shift();
      if (next === undefined) return;
      try {
        await work(next);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  // Workers that find the queue empty stop; the others may refill it, so loop until it stays empty.
  while (queue.length > 0 && failed === undefined) {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  if (failed !== undefined) throw failed;
}

async function sameOnDisk(io: MirrorFs, dir: string, file: string, body: Buffer | string): Promise<boolean> {
  try {
    const current = await io.readFile(join(dir, ...file.split('/')));
    return current.equals(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
  } catch {
    return false;
  }
}
