/** What search-index.ts stores for one article: its terms already folded, stemmed and space-joined. */
export interface IndexedDocument {
  id: string;
  language: string;
  title: string;
  body: string;
}

export interface SearchHit {
  id: string;
  /** Higher is better. Comparable within one result list, not between the two databases. */
  rank: number;
}

export interface SearchResult {
  /** Published articles matching the query, over all pages. */
  total: number;
  hits: SearchHit[];
}

/** One page of a search, with the query already compiled for the database at hand. */
export interface CompiledSearch {
  expression: string;
  language: string | undefined;
  limit: number;
  offset: number;
}
