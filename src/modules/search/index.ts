// Full-text search over articles, with the same results on SQLite and PostgreSQL. See README.md.
export {
  indexArticle,
  indexedDocument,
  removeFromIndex,
  searchArticles,
  MAX_SEARCH_OFFSET,
  type IndexableArticle,
  type SearchDb,
  type SearchOptions,
} from './search-index.ts';
export type { SearchHit, SearchResult } from './search-types.ts';
export { searchIndexJobKey, searchJobs, SEARCH_INDEX_TASK } from './search-jobs.ts';
export { MAX_QUERY_CHARS, type QueryTerm } from './search-query.ts';
export { buildSnippet, type SnippetOptions } from './snippet.ts';
export { snippetSource } from './snippet-source.ts';
export { stemTerms } from './stem-terms.ts';
export { terms, tokenize, type Token } from './tokenize.ts';
