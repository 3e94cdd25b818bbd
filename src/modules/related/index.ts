// "Read more": related articles, computed in the background and stored. See README.md.
export {
  computeRelated,
  forgetArticle,
  listsContaining,
  relatedArticleIds,
  storeRelated,
  CANDIDATES,
  DEFAULT_RELATED_LIMIT,
  type ComputeOptions,
  type RelatedEntry,
} from './compute-related.ts';
export {
  refreshRelated,
  relatedJobKey,
  relatedJobs,
  HOLDERS_TO_REFRESH,
  NEIGHBOURS_TO_REFRESH,
  RELATED_COMPUTE_TASK,
  type RelatedJobDeps,
} from './related-jobs.ts';
export {
  idf,
  matchScore,
  queryTerms,
  rankRelated,
  recency,
  retrievalTerms,
  tagOverlap,
  termVector,
  MIN_SIMILARITY,
  QUERY_TERMS,
  RECENCY_HALF_LIFE_DAYS,
  TITLE_WEIGHT,
  WEIGHTS,
  type QueryTerm,
  type RelatedCandidate,
  type RelatedScore,
  type RelatedSubject,
  type TermVector,
} from './related-score.ts';
export { refreshTermStats, SAMPLE_DOCUMENTS } from './term-stats.ts';
