import { createHash } from 'node:crypto';

// Conditional GET as RFC 9110 section 13 has it, in one place: the page cache, the cache replay
// and the hook for every other response all decide 304 here.

/** A strong ETag from the bytes of a response. */
export function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha1').update(payload).digest('base64url')}"`;
}

/** The request's validators, as the headers arrived (absent: undefined). */
export interface RequestValidators {
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
}

/** What the current representation is: its ETag and, if known, its Last-Modified (HTTP date). */
export interface RepresentationValidators {
  etag: string;
  lastModified?: string | undefined;
}

/** `[W/]"opaque"` entries of an If-None-Match list; undefined when the list does not parse. */
function entityTags(list: string): string[] | undefined {
  const tags: string[] = [];
  // An opaque tag may itself hold commas, so the list is read token by token, not split.
  const entry = /\s*(?:W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(,|$)/y;
  while (entry.lastIndex < list.length) {
    const match = entry.exec(list);
    if (!match) return undefined;
    tags.push(match[1]!);
    if (match[2] === '') break;
  }
  return tags;
}

/** Weak comparison (RFC 9110 8.8.3.2): the opaque tags match, whether either is marked W/. */
const opaque = (etag: string) => etag.replace(/^W\//, '');

/**
 * Whether a GET or HEAD may be answered 304 Not Modified.
 * - If-None-Match, when present, decides alone, and If-Modified-Since is ignored (13.2.2).
 * - `*` matches any current representation; we only ever ask about one that exists. `*` is only
 *   valid as the whole field (13.1.2), so inside a list it makes the list unparsable.
 * - An unparsable If-None-Match matches nothing: a full 200 is always a correct answer.
 * - If-None-Match uses weak comparison: `W/"x"` matches `"x"`.
 * - An If-Modified-Since that is not a valid HTTP date is ignored (13.1.3).
 */
export function isNotModified(request: RequestValidators, current: RepresentationValidators): boolean {
  const { ifNoneMatch, ifModifiedSince } = request;
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const tags = entityTags(ifNoneMatch);
    const wanted = opaque(current.etag);
    return tags !== undefined && tags.some((tag) => tag === wanted);
  }
  if (ifModifiedSince === undefined || current.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(current.lastModified);
  if (!Number.isFinite(since) || !Number.isFinite(modified)) return false;
  return modified <= since;
}
