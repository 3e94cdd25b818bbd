import { parseSearchQuery, type QueryTerm } from './search-query.ts';
import { stemTerm } from './stem-terms.ts';
import { tokenize, type Token } from './tokenize.ts';

// A search result's excerpt: the stretch of the article with the most query words in it, those
// words marked as the reader sees them ("журналистов" for a search on "журналист"). The site
// turns it into HTML (site/views/snippet-html.ts).

export interface SnippetOptions {
  /** Length of the returned text, ellipses included. */
  maxChars?: number;
  /** Highlight words the last query word is a prefix of, as a search with `prefix` matched them. */
  prefix?: boolean;
}

export interface Snippet {
  text: string;
  /** [start, end) offsets into `text` of the words that matched. */
  highlights: Array<[number, number]>;
}

const ELLIPSIS = '…';
const DEFAULT_MAX_CHARS = 220;
const MIN_CHARS_FOR_ELLIPSIS = 20;

export function buildSnippet(
  text: string,
  q: string,
  language: string,
  options: SnippetOptions = {},
): Snippet {
  const maxChars = Math.max(1, Math.trunc(options.maxChars ?? DEFAULT_MAX_CHARS));
  const clean = text.replace(/\s+/g, ' ').trim();
  const found = matches(clean, q, language, options.prefix ?? false);
  if (clean.length <= maxChars) return { text: clean, highlights: found.map((t) => [t.start, t.end]) };
  // Room for an ellipsis at each end, so the result never exceeds maxChars.
  const ellipsis = maxChars >= MIN_CHARS_FOR_ELLIPSIS ? ELLIPSIS : '';
  const room = maxChars - 2 * ellipsis.length;
  const [first, last] = bestWindow(found, room);
  let start = 0;
  if (first && last) {
    // Centre the matched words in the window, then start at a word boundary.
    const slack = Math.max(0, room - (last.end - first.start));
    start = Math.max(0, Math.min(first.start - Math.floor(slack / 2), clean.length - room));
    if (start > 0) start = wordStartAtOrAfter(clean, start, first.start);
  }
  let end = Math.min(clean.length, start + room);
  if (end < clean.length) end = wordEndAtOrBefore(clean, Math.max(start + 1, last?.end ?? 0), end);
  const prefix = start > 0 ? ellipsis : '';
  const suffix = end < clean.length ? ellipsis : '';
  const shift = prefix.length - start;
  const highlights = found
    .filter((t) => t.start >= start && t.end <= end)
    .map((t): [number, number] => [t.start + shift, t.end + shift]);
  return { text: prefix + clean.slice(start, end) + suffix, highlights };
}

/** The words of the text whose stems the query asks for, in the article's language. */
function matches(text: string, q: string, language: string, prefix: boolean): Token[] {
  // The query as the search ran it (language unknown) and as the article's own language reads it.
  const terms = [
    ...parseSearchQuery(q, { prefix }).terms,
    ...parseSearchQuery(q, { language, prefix }).terms,
  ];
  if (terms.length === 0) return [];
  return tokenize(text).filter((token) =>
    token.terms.some((term) => terms.some((t) => termMatches(t, stemTerm(term, language), term))),
  );
}

function termMatches(query: QueryTerm, stem: string, folded: string): boolean {
  return query.variants.some((v) =>
    query.prefix ? stem.startsWith(v) || folded.startsWith(v) : stem === v || folded === v,
  );
}

/** The run of consecutive matches, fitting in `room` characters, that holds the most of them. */
function bestWindow(found: Token[], room: number): [Token | undefined, Token | undefined] {
  let best: [number, number] = [0, -1];
  let j = 0;
  for (let i = 0; i < found.length; i++) {
    const from = found[i]!.start;
    if (j < i) j = i;
    while (j + 1 < found.length && found[j + 1]!.end - from <= room) j++;
    if (found[j]!.end - from > room) continue;
    if (j - i > best[1] - best[0]) best = [i, j];
  }
  return best[1] < best[0] ? [found[0], found[0]] : [found[best[0]], found[best[1]]];
}

/** `from` if a word starts there, else the next word start, but never past `limit`. */
function wordStartAtOrAfter(text: string, from: number, limit: number): number {
  if (text[from - 1] === ' ') return from;
  const space = text.indexOf(' ', from);
  return space === -1 || space + 1 > limit ? limit : space + 1;
}

/** `end` if a word ends there, else the last word end before it, but not before `floor`. */
function wordEndAtOrBefore(text: string, floor: number, end: number): number {
  if (text[end] === ' ') return end;
  const space = text.lastIndexOf(' ', end - 1);
  if (space >= floor) return space;
  // One word longer than the window: cut it, but not inside a surrogate pair.
  return /[\uD800-\uDBFF]/.test(text[end - 1] ?? '') ? end - 1 : end;
}
