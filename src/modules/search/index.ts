// Full-text search over articles, with the same results on SQLite and PostgreSQL. See README.md.
export {
  indexArticle,
  indexedDocument,
  removeFromIndex,
  searchArticles,
  MAX_INDEXED_TERMS,
  MAX_SEARCH_LIMIT,
  MAX_SEARCH_OFFSET,
  type IndexableArticle,
  type SearchDb,
  type SearchOptions,
} from './search-index.ts';
export type { SearchHit, SearchResult } from './search-types.ts';
export { searchIndexJobKey, searchJobs, syncArticleIndex, SEARCH_INDEX_TASK } from './search-jobs.ts';
export {
  parseSearchQuery,
  toFts5Match,
  toTsQuery,
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  type ParseOptions,
  type QueryTerm,
  type SearchQuery,
} from './search-query.ts';
export { buildSnippet, type Snippet, type SnippetOptions } from './snippet.ts';
export { baseLanguage, isStemmedLanguage, stemByScript, stemTerm, stemTerms } from './stem-terms.ts';
export { foldWord, terms, tokenize, MAX_TERM_LENGTH, type Token } from './tokenize.ts';
