import { baseLanguage, stemByScript, stemTerm } from './stem-terms.ts';
import { terms } from './tokenize.ts';

// A reader's query becomes a list of terms that must all match. Nothing the reader typed reaches a
// database query language: operators, quotes, parentheses, `*` and `-` are just separators, and
// words like AND, OR, NOT and NEAR are ordinary words. The FTS5 and tsquery expressions are built
// here from terms that contain letters and digits only.

/** Only the start of a pasted essay is read. */
export const MAX_QUERY_CHARS = 2_000;
/** At most this many distinct terms; the rest of the query is ignored. */
export const MAX_QUERY_TERMS = 32;
/** A prefix shorter than this would expand to a large part of the vocabulary. */
export const MIN_PREFIX_LENGTH = 3;

const SAFE_TERM = /^[\p{L}\p{Nd}]+$/u;
const ENDS_INSIDE_WORD = /[\p{L}\p{N}\p{M}]$/u;

/** One query word: matches when any of its variants is in the document. */
export interface QueryTerm {
  variants: string[];
  /** Variants also match as prefixes of indexed terms (the reader is still typing this word). */
  prefix: boolean;
}

/** All terms must match. No terms means no results. */
export interface SearchQuery {
  terms: QueryTerm[];
}

export interface ParseOptions {
  /** The language the reader searches in; when unknown, each word is tried stemmed and unstemmed. */
  language?: string | null | undefined;
  /** Match the last word as a prefix too, unless the query ends with a space or punctuation. */
  prefix?: boolean | undefined;
}

export function parseSearchQuery(input: unknown, options: ParseOptions = {}): SearchQuery {
  if (typeof input !== 'string') return { terms: [] };
  const raw = input.slice(0, MAX_QUERY_CHARS);
  const language = baseLanguage(options.language);
  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  for (const term of terms(raw)) {
    if (out.length >= MAX_QUERY_TERMS) break;
    // Unknown language: the stemmed form meets English and Russian articles, the folded form
    // meets articles in languages that are indexed without stemming.
    const forms = language ? [stemTerm(term, language)] : [stemByScript(term), term];
    const variants = [...new Set(forms)].filter((v) => SAFE_TERM.test(v));
    const key = variants.join(' ');
    if (variants.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push({ variants, prefix: false });
  }
  const last = out[out.length - 1];
  if (options.prefix && last && ENDS_INSIDE_WORD.test(raw)) {
    if (last.variants.every((v) => [...v].length >= MIN_PREFIX_LENGTH)) {
      // "publish*" already covers "publishing*".
      const variants = last.variants.filter((v) => !last.variants.some((w) => w !== v && v.startsWith(w)));
      out[out.length - 1] = { variants, prefix: true };
    }
  }
  return { terms: out };
}

/** An FTS5 MATCH expression, or null when the query can match nothing. */
export function toFts5Match(query: SearchQuery): string | null {
  if (query.terms.length === 0) return null;
  return query.terms
    .map((t) => {
      const alternatives = t.variants.map((v) => `"${v.replace(/"/g, '""')}"${t.prefix ? ' *' : ''}`);
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}

/** Text for `to_tsquery('simple', $1)`, or null when the query can match nothing. */
export function toTsQuery(query: SearchQuery): string | null {
  if (query.terms.length === 0) return null;
  return query.terms
    .map((t) => {
      const alternatives = t.variants.map(
        (v) => `'${v.replace(/['\\]/g, (c) => c + c)}'${t.prefix ? ':*' : ''}`,
      );
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}
