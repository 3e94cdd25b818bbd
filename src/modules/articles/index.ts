// The articles module's public surface: the content model and its operations, what follows a
// change (durable jobs, after-commit reactions), and what readers may see. The body's document
// model has its own surface in ./document/index.ts.
export { createArticles, type ArticleService, type UpdateOptions } from './articles.ts';
export type { AlsoInTransaction, CreateOptions } from './create-article.ts';
export type { ArticleBatch } from './article-batch.ts';
export {
  articleCreateSchema,
  articleListQuerySchema,
  articleUpdateSchema,
  languageSchema,
  scheduleSchema,
  type Article,
  type SavedArticle,
} from './article.types.ts';
export type { ArticleChange, ArticleChangeRecorder } from './article-changes.ts';
export { createArticleFollowUps } from './article-follow-ups.ts';
export { articleJobs, articleSchedules } from './article-jobs.ts';
export { mediaIdsOf, renderArticleHtml, type MediaLookup, type PublicMedia } from './article-media.ts';
export { hydrate, preferredTranslation } from './article-repository.ts';
export type { ListingSnapshot } from './listing-snapshot.ts';
export type { Revision, RevisionSummary } from './article-revisions.ts';
export type { RevisionDiff } from './article-revision-operations.ts';
export type { BodyPart, FieldChange, RevisionFields } from './revision-diff.ts';
export type { ImportRemoteImage, RemoteImageResult, RemoteImages } from './localize-remote-images.ts';
// What a reader may see, in every form the readers' queries need (see the file for why it lives
// in src/domain).
export {
  isArticleVisibleToReaders,
  isVisibleToReaders,
  visibleToReaders,
} from '../../domain/reader-visibility.ts';
