import type { Db } from '../../db/connect.ts';
import { systemClock, type Clock } from '../../lib/time.ts';
import type { Actor } from '../staff/index.ts';
import type { ArticleChangeRecorder } from './article-changes.ts';
import type { ArticleDeps } from './article-operation.ts';
import type { RemoteImages } from './localize-remote-images.ts';
import { canChangeMediaUsedBy, assertAllowed } from './article-permissions.ts';
import { findArticlesUsingMedia, type ArticleFilter } from './article-repository.ts';
import { publishedTranslationsOf, translationsOf } from './article-translations.ts';
import type {
  Article,
  ArticleCreate,
  ArticleListQuery,
  ArticleSchedule,
  ArticleUpdate,
} from './article.types.ts';
import {
  publishArticle,
  publishDueArticles,
  scheduleArticle,
  unpublishArticle,
} from './change-article-status.ts';
import { createArticle, type AlsoInTransaction, type CreateOptions } from './create-article.ts';

/** For in-process callers (importers): more writes committed with the save. */
export interface UpdateOptions {
  alsoInTransaction?: AlsoInTransaction;
  /**
   * Status and publication time, set in the same save (an importer whose source took a post
   * down or published it): one transaction for both, so a re-import is never half applied.
   */
  publication?: Publication;
}
import { deleteArticle } from './delete-article.ts';
import { createListingSnapshot } from './listing-snapshot.ts';
import { inArticleBatch, type ArticleBatch } from './article-batch.ts';
import {
  articlesInOrder,
  findArticleBySlug,
  getArticle,
  listArticleIdPage,
  listArticles,
} from './list-articles.ts';
import { updateArticle, type Publication } from './update-article.ts';
import type { ArticleStatus } from '../../db/schema.ts';
import type { AuditRecorder } from '../audit/index.ts';
import {
  diffArticleRevisions,
  getArticleForEditing,
  getArticleRevision,
  listArticleRevisions,
  restoreArticleRevision,
} from './article-revision-operations.ts';

/**
 * The article operations bound to their dependencies: the object the rest of the code calls.
 * Every write takes the actor and checks article-permissions.ts before it changes anything.
 */
export function createArticles(deps: {
  db: Db;
  changes: ArticleChangeRecorder;
  defaultLanguage: string;
  now?: Clock;
  remoteImages?: RemoteImages;
  audit?: AuditRecorder;
}) {
  const d: ArticleDeps = { ...deps, now: deps.now ?? systemClock };
  return {
    create: (actor: Actor, input: ArticleCreate, options?: CreateOptions) =>
      createArticle(d, actor, input, options),
    update: (actor: Actor, id: string, input: ArticleUpdate, options?: UpdateOptions) =>
      updateArticle(d, actor, id, input, undefined, options),
    /**
     * Many saves in one transaction, an item at a time undone alone if it fails; `bulk` stages
     * the creates and writes them a statement per table at the end (article-batch.ts).
     */
    batch: <T>(run: (batch: ArticleBatch) => Promise<T>, options?: { bulk?: boolean }) =>
      inArticleBatch(d, run, options),
    publish: (actor: Actor, id: string) => publishArticle(d, actor, id),
    schedule: (actor: Actor, id: string, input: ArticleSchedule) => scheduleArticle(d, actor, id, input),
    unpublish: (actor: Actor, id: string) => unpublishArticle(d, actor, id),
    /** Publish every scheduled article whose time has come; safe to run any number of times. */
    publishDue: () => publishDueArticles(d),
    delete: (actor: Actor, id: string) => deleteArticle(d, actor, id),
    get: (id: string): Promise<Article> => getArticle(d.db, id),
    /** The article as saved, whatever its status, for whoever may edit it (preview). */
    getForEditing: (actor: Actor, id: string) => getArticleForEditing(d, actor, id),
    /** Revisions, newest first; whoever may edit the article may read them. */
    revisions: (actor: Actor, id: string) => listArticleRevisions(d, actor, id),
    revision: (actor: Actor, id: string, revisionId: string) => getArticleRevision(d, actor, id, revisionId),
    diffRevisions: (actor: Actor, id: string, fromId: string, toId: string) =>
      diffArticleRevisions(d, actor, id, fromId, toId),
    /** Restore a revision's content as a new save; `version` as for update. */
    restoreRevision: (actor: Actor, id: string, revisionId: string, version: number) =>
      restoreArticleRevision(d, actor, id, revisionId, version),
    findBySlug: (slug: string) => findArticleBySlug(d.db, slug),
    list: (query: ArticleListQuery, fixed?: ArticleFilter, options?: { count?: boolean }) =>
      listArticles(d.db, query, fixed, options),
    /** The ids `list` would return (same order), with nothing read or counted beyond them. */
    listIds: (query: ArticleListQuery, fixed?: ArticleFilter) => listArticleIdPage(d.db, query, fixed),
    /** These articles, in the order of `ids` (missing ones left out). */
    inOrder: (ids: string[]) => articlesInOrder(d.db, ids),
    /**
     * `list` for a reader of every page of every listing (the static mirror): each listing is
     * read whole once (listing-snapshot.ts). Make one per export and drop it after.
     */
    listingSnapshot: () => createListingSnapshot(d.db),
    publishedTranslationsOf: (articles: Array<Pick<Article, 'id' | 'translationGroup'>>) =>
      publishedTranslationsOf(d.db, articles),
    translations: (article: Pick<Article, 'id' | 'translationGroup'>, status?: ArticleStatus) =>
      translationsOf(d.db, article, status),
    /**
     * Throws ForbiddenError unless the actor may change (re-caption, re-credit, delete) a photo,
     * given the articles that show it: the media module asks before it writes.
     */
    async assertMayChangeMedia(actor: Actor, mediaId: string): Promise<void> {
      const users = await findArticlesUsingMedia(d.db.kysely, mediaId);
      assertAllowed(
        canChangeMediaUsedBy(
          actor,
          users.map((u) => ({ status: u.status, createdBy: u.created_by ?? null })),
        ),
      );
    },
  };
}

export type ArticleService = ReturnType<typeof createArticles>;
