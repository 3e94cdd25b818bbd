// "Read more": related articles, computed in the background and stored. See README.md.
export {
  computeRelated,
  listsContaining,
  relatedArticleIds,
  storeRelated,
  type RelatedEntry,
} from './compute-related.ts';
export {
  refreshRelated,
  relatedJobKey,
  relatedJobs,
  HOLDERS_TO_REFRESH,
  RELATED_COMPUTE_TASK,
} from './related-jobs.ts';
export { termVector, type QueryTerm } from './related-score.ts';
export { refreshTermStats } from './term-stats.ts';
