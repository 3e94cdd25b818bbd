// Feed readers, newsletters and mirrors show our HTML away from our origin, where a `/media/...`
// or `/articles/...` link would point at the reader's own host. Every URL attribute becomes absolute.

import { escapeHtml } from '../../articles/document/index.ts';

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite)=")([^"]*)(")/gi;
const SRCSET_ATTRIBUTE = /(\ssrcset=")([^"]*)(")/gi;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

const DECODE: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
/** The entities our renderer writes in attribute values (escapeHtml), back to characters. */
const decode = (v: string) => v.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => DECODE[e] as string);
const encode = escapeHtml;

/**
 * Resolve one URL against the page it appears on. Absolute URLs (any scheme) are left alone;
 * `/path`, `//host/path`, `#fragment` and `relative/path` are resolved.
 */
export function resolveAgainstPage(value: string, pageUrl: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || HAS_SCHEME.test(trimmed)) return value;
  try {
    return new URL(trimmed, pageUrl).href;
  } catch {
    return value;
  }
}

/** Start tags; our renderer escapes `>` inside attribute values, so none ends early. */
const START_TAG = /<[a-z][a-z0-9-]*\s[^>]*>/gi;

function absolutizeTag(tag: string, pageUrl: string): string {
  return tag
    .replace(URL_ATTRIBUTE, (_m, open: string, value: string, close: string) => {
      return `${open}${encode(resolveAgainstPage(decode(value), pageUrl))}${close}`;
    })
    .replace(SRCSET_ATTRIBUTE, (_m, open: string, value: string, close: string) => {
      const candidates = decode(value)
        .split(',')
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [resolveAgainstPage(url, pageUrl), ...descriptor].join(' ');
        });
      return `${open}${encode(candidates.join(', '))}${close}`;
    });
}

/**
 * Make every href, src, poster, cite and srcset URL in the start tags of `html` absolute. Our
 * renderer always double-quotes and escapes attribute values, which is what this relies on.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  return html.replace(START_TAG, (tag) => absolutizeTag(tag, pageUrl));
}
