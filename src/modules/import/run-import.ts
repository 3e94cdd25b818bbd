import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import { MAX_SLUG_LENGTH } from '../../lib/slug.ts';
import { systemClock, type Clock } from '../../lib/time.ts';
import {
  articleCreateSchema,
  type ArticleBatch,
  type ArticleService,
  type MediaLookup,
} from '../articles/index.ts';
import type { AuthorService } from '../authors/index.ts';
import type { MediaService } from '../media/index.ts';
import type { ArticleRedirect, RedirectService } from '../redirects/index.ts';
import { systemActor } from '../staff/index.ts';
import type { TagService } from '../tags/index.ts';
import { cleanBody, rewriteImages } from './clean-body.ts';
import { createImageResolver, type ImageResolver } from './image-resolver.ts';
import { createImportBatches } from './import-batches.ts';
import { cleanSlug, contentHash, createImportTaxonomy } from './import-taxonomy.ts';
import {
  findImported,
  importedSourceIds,
  recordImported,
  recordImportedMany,
  type ImportedItem,
  type ImportRecord,
} from './import-items.ts';
import { firstPublication, publicationChange } from './import-status.ts';
import { addCounts, emptyReport } from './import-report.ts';
import type { ImportArticle, ImportReport, ImportSource, ImportTerm } from './import.types.ts';
import { plainText, plainTitle } from './plain-text.ts';

export interface ImportDeps {
  db: Db;
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  media: MediaService;
  redirects: RedirectService;
  lookupMedia: MediaLookup;
  /** Our address of an article, from its slug. */
  articlePath: (slug: string) => string;
  now?: Clock;
}

export interface ImportOptions {
  /** Shown in the report: the file or folder read. */
  file: string;
  dryRun?: boolean;
  mediaDir?: string | null;
  /** Download images from the old site (default true). */
  download?: boolean;
  /** For the export's zone-less dates (the readers take it too). */
  defaultLanguage: string;
  /** Items written per transaction (default 100), each in its own savepoint. */
  batchSize?: number;
  /** Told after each item: how many done, of how many if known. */
  onProgress?: (done: number, total: number | null) => void;
}

/** A title for an untitled post: its first words, noted; none at all is an error. */
function untitled(item: ImportArticle): string {
  const words = plainText(item.html).split(' ').slice(0, 10).join(' ');
  if (!words) throw new DomainError('invalid_input', 'the post has no title and no text');
  return `${words.slice(0, 120)}…`;
}

/** The section pages of the old site go into. */
const PAGES_SECTION: ImportTerm = { sourceId: 'pages', name: 'Pages', slug: 'pages', description: '' };

/**
 * Runs one import: every item of `source` is written whole or not at all (the article, where it
 * came from and its old addresses together, in its own savepoint of a batch's transaction),
 * matched by its source id so a second run updates what changed and skips what did not. Never
 * throws for one item: its error goes in the report.
 */
export async function runImport(
  deps: ImportDeps,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportReport> {
  const now = deps.now ?? systemClock;
  const sourceKey = `${source.platform}:${source.siteUrl ?? 'unknown'}`;
  const report = emptyReport(source.platform, sourceKey, options.file, options.dryRun === true, now());
  const kysely = deps.db.kysely;
  const images: ImageResolver = createImageResolver({
    db: kysely,
    media: deps.media,
    lookupMedia: deps.lookupMedia,
    source: sourceKey,
    siteUrl: source.siteUrl,
    mediaDir: options.mediaDir ?? null,
    download: options.download !== false,
    now,
    counts: report.media,
  });
  /**
   * The source ids of the posts an earlier run (or this one) imported: a post not among them is
   * new, and is not looked up one at a time (a round trip a post saved). Ids only, a few MB for
   * an archive of a hundred thousand posts.
   */
  const importedIds = await importedSourceIds(kysely, sourceKey, 'article');
  const taxonomy = createImportTaxonomy({
    kysely,
    authors: deps.authors,
    tags: deps.tags,
    sourceKey,
    report,
    now,
  });
  let privateCount = 0;

  /** The body with every image ours (or removed and reported), and the featured image's id. */
  async function prepareBody(item: ImportArticle): Promise<{ html: string; heroId: string | null }> {
    // The featured image first: its caption, credit and alt go on the photo, which the body may
    // show again.
    const label = `${item.sourceId} ${item.slug}`;
    let heroId: string | null = null;
    if (item.featuredImage) {
      const f = item.featuredImage;
      const result = await images.resolve(f.url, {
        alt: f.alt.slice(0, 1000),
        caption: f.caption.slice(0, 1000),
        credit: f.credit.slice(0, 300),
      });
      if (result.ok) heroId = result.mediaId;
      else {
        report.media.missing++;
        report.imagesMissing.push({ url: f.url, article: label, reason: result.reason });
      }
    }
    const cleaned = cleanBody(item.html);
    addCounts(report.htmlRemoved, cleaned.removed);
    const found = new Map<string, { src: string; mediaId: string } | null>();
    for (const src of new Set(cleaned.images)) {
      const decoded = src.replace(/&amp;/g, '&');
      const result = await images.resolve(decoded, { alt: '', caption: '', credit: '' });
      if (result.ok) found.set(decoded, { src: result.src, mediaId: result.mediaId });
      else {
        found.set(decoded, null);
        report.media.missing++;
        report.imagesMissing.push({ url: decoded, article: label, reason: result.reason });
      }
    }
    const html = rewriteImages(cleaned.html, (src) => found.get(src));
    return { html, heroId };
  }

  function redirectsFor(item: ImportArticle, articleId: string, slug: string): ArticleRedirect[] {
    const target = deps.articlePath(slug);
    return item.oldPaths.map((from) => ({ from, target, articleId, origin: `import:${source.platform}` }));
  }

  /** An item's old addresses, written with others of the batch; tells each item how many were kept. */
  async function keepRedirects(
    trx: Transaction<Database>,
    rows: Array<{ articleId: string; kept: { redirects: number }; entries: ArticleRedirect[] }>,
  ): Promise<void> {
    const counts = await deps.redirects.keepForArticles(
      trx,
      rows.flatMap((r) => r.entries),
    );
    for (const r of rows) r.kept.redirects = counts.get(r.articleId) ?? 0;
  }

  /** What writing an item does, once its batch commits: counts and notes for the report. */
  type Write = (batch: ArticleBatch) => Promise<() => void>;

  /**
   * Everything an item needs before it is written (its authors, tags and images, whether and how
   * it was imported before), read or made outside the batch's transaction; then its writes, for
   * the batch. Null when there is nothing to write (unchanged, a dry run, a post only in the trash).
   */
  async function prepareArticle(item: ImportArticle): Promise<Write | null> {
    report.comments.counted += item.comments;
    if (item.status === 'private') privateCount++;
    const hash = contentHash(item);
    const known = importedIds.has(item.sourceId)
      ? await findImported(kysely, sourceKey, 'article', item.sourceId)
      : undefined;
    if (known && known.contentHash === hash) {
      report.articles.unchanged++;
      return null;
    }
    if (item.status === 'trashed') return trashed(item, known, hash);
    const title = plainTitle(item.title, report.htmlRemoved) || untitled(item);
    const slug = cleanSlug(item.slug, title);
    const pub = firstPublication(item.status, item.publishedAt, now());
    const language = item.language ?? options.defaultLanguage;
    if (options.dryRun) {
      // Checks what the save would check first, so the dry run reports the same refusals.
      const parsed = articleCreateSchema.safeParse({
        title,
        slug,
        standfirst: item.excerpt,
        body_html: item.html,
        language,
        status: pub.status,
        ...(pub.at ? { published_at: pub.at } : {}),
      });
      if (!parsed.success)
        throw new DomainError('invalid_input', parsed.error.issues[0]?.message ?? 'invalid');
      addCounts(report.htmlRemoved, cleanBody(item.html).removed);
      const current = known ? await deps.articles.get(known.targetId).catch(() => undefined) : undefined;
      const change = current && publicationChange(current, item.status, item.publishedAt, now());
      if (current && change)
        report.statusChanged.push({ id: item.sourceId, title, from: current.status, to: change.status });
      if (known) report.articles.updated++;
      else report.articles.imported++;
      return null;
    }
    const authorIdsOf = [];
    for (const a of item.authors.slice(0, 20)) authorIdsOf.push(await taxonomy.author(a));
    const tagIdsOf: string[] = [];
    const sections = item.type === 'page' ? [PAGES_SECTION, ...item.sections] : item.sections;
    for (const s of sections) tagIdsOf.push(await taxonomy.tag(s, true));
    for (const t of item.tags) tagIdsOf.push(await taxonomy.tag(t, false));
    const tagIdsUnique = [...new Set(tagIdsOf)].slice(0, 50);
    const { html, heroId } = await prepareBody(item);
    const fields = {
      title,
      standfirst: item.excerpt.slice(0, 1000),
      body_html: html,
      language,
      author_ids: [...new Set(authorIdsOf)],
      tag_ids: tagIdsUnique,
      seo_title: item.seoTitle.slice(0, 300),
      seo_description: item.seoDescription.slice(0, 500),
      hero_media_id: heroId,
    };
    /**
     * The import record and old addresses, written with the article (with the batch's others, in
     * a bulk batch); counts the redirects kept.
     */
    const record = async (
      batch: ArticleBatch,
      kept: { redirects: number },
      articleId: string,
      finalSlug: string,
    ) => {
      await batch.collect(
        'import_items',
        {
          source: sourceKey,
          kind: 'article',
          sourceId: item.sourceId,
          targetId: articleId,
          contentHash: hash,
          at: now().toISOString(),
        } satisfies ImportRecord,
        recordImportedMany,
      );
      await batch.collect(
        'redirects',
        { articleId, kept, entries: redirectsFor(item, articleId, finalSlug) },
        keepRedirects,
      );
    };

    const current = known ? await deps.articles.get(known.targetId).catch(() => undefined) : undefined;
    if (current) {
      const change = publicationChange(current, item.status, item.publishedAt, now());
      return async (batch) => {
        const kept = { redirects: 0 };
        await batch.update(
          systemActor,
          current.id,
          { ...fields, version: current.version },
          change ? { publication: change } : {},
        );
        await record(batch, kept, current.id, current.slug);
        return () => {
          report.redirects += kept.redirects;
          if (change)
            report.statusChanged.push({ id: item.sourceId, title, from: current.status, to: change.status });
          report.articles.updated++;
        };
      };
    }
    const editedAt = item.modifiedAt
      ? new Date(item.modifiedAt)
      : item.publishedAt
        ? new Date(item.publishedAt)
        : undefined;
    return async (batch) => {
      for (let attempt = 1; ; attempt++) {
        const candidate = attempt === 1 ? slug : `${slug.slice(0, MAX_SLUG_LENGTH - 4)}-${attempt}`;
        const kept = { redirects: 0 };
        try {
          const { id } = await batch.create(
            systemActor,
            {
              ...fields,
              slug: candidate,
              status: pub.status,
              ...(pub.at ? { published_at: pub.at } : {}),
            },
            editedAt && !Number.isNaN(editedAt.getTime()) ? { editedAt } : {},
          );
          await record(batch, kept, id, candidate);
        } catch (err) {
          // Taken before anything was written (the check comes first): the next number is tried.
          if (
            err instanceof DomainError &&
            err.code === 'conflict' &&
            attempt < 50 &&
            /slug/i.test(err.message)
          )
            continue;
          throw err;
        }
        return () => {
          if (known)
            report.notes.push(
              `${item.sourceId}: its article was deleted here since the last import; imported again`,
            );
          if (candidate !== slug) report.slugsChanged.push({ id: item.sourceId, from: slug, to: candidate });
          report.redirects += kept.redirects;
          report.articles.imported++;
        };
      }
    };
  }

  /**
   * A post in the old site's trash: never imported, and taken down here if an earlier run
   * imported it (its content left as it was, the new state recorded in the same transaction).
   */
  async function trashed(
    item: ImportArticle,
    known: ImportedItem | undefined,
    hash: string,
  ): Promise<Write | null> {
    const title = plainText(item.title).slice(0, 200);
    const current = known ? await deps.articles.get(known.targetId).catch(() => undefined) : undefined;
    if (!current) {
      report.skipped.push({ id: item.sourceId, title, reason: 'in the trash on the old site' });
      return null;
    }
    const change = publicationChange(current, 'trashed', item.publishedAt, now());
    const remember = (trx: Kysely<Database> | Transaction<Database>) =>
      recordImported(trx, {
        source: sourceKey,
        kind: 'article',
        sourceId: item.sourceId,
        targetId: current.id,
        contentHash: hash,
        at: now().toISOString(),
      });
    if (!change) {
      // Not public here already: only the source's new state is remembered.
      if (!options.dryRun) await remember(kysely);
      report.articles.unchanged++;
      return null;
    }
    const taken = { id: item.sourceId, title: current.title, from: current.status, to: change.status };
    if (options.dryRun) {
      report.statusChanged.push(taken);
      report.articles.updated++;
      return null;
    }
    return async (batch) => {
      await batch.update(
        systemActor,
        current.id,
        { version: current.version },
        { alsoInTransaction: (trx) => remember(trx), publication: change },
      );
      return () => {
        report.statusChanged.push(taken);
        report.articles.updated++;
      };
    };
  }

  let done = 0;
  const progress = () => options.onProgress?.(++done, source.total);
  const failed = (id: string, title: string, err: unknown) => {
    report.articles.failed++;
    report.errors.push({
      id,
      title: title.slice(0, 200),
      message: err instanceof DomainError ? err.message : `unexpected: ${(err as Error).message}`,
    });
  };
  const batches = createImportBatches({
    articles: deps.articles,
    size: options.batchSize ?? 100,
    maxWaitMs: 2000,
    onOutcome(item, outcome) {
      if (outcome.ok) {
        importedIds.add(item.sourceId);
        outcome.apply();
      } else failed(item.sourceId, item.title, outcome.error);
      progress();
    },
  });
  try {
    try {
      for await (const item of source.items) {
        if (item.kind === 'skip') {
          report.skipped.push({ id: item.sourceId, title: item.title, reason: item.reason });
          progress();
        } else if (item.kind === 'problem') {
          report.errors.push({ id: item.sourceId, title: item.title, message: item.message });
          report.articles.failed++;
          progress();
        } else {
          // A later version of a post still waiting to be written: the first is written first.
          if (batches.holds(item.sourceId)) await batches.flush();
          let write: Write | null = null;
          try {
            addCounts(report.shortcodes, item.shortcodes);
            write = await prepareArticle(item);
          } catch (err) {
            failed(item.sourceId, item.title, err);
          }
          if (write) await batches.add({ sourceId: item.sourceId, title: item.title, write });
          else progress();
        }
      }
    } finally {
      // What was read before the file failed is written all the same.
      await batches.flush();
    }
  } catch (err) {
    // The file itself failed (malformed, truncated): what was read before stays imported.
    report.fatal = (err as Error).message;
  }
  if (privateCount > 0) report.notes.push(`${privateCount} private posts were imported as drafts`);
  report.finishedAt = now().toISOString();
  return report;
}
