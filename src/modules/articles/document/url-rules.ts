// The URL rules of the article body, shared by the HTML parser, the API validator and the
// renderers. They are allow-lists: a scheme we have not thought about is refused, because every
// scheme browsers ever executed (javascript:, vbscript:, data:) was once "not thought about".

import { isRootRelative } from '../../../lib/absolute-url.ts';

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_SCHEMES = new Set(['http:', 'https:']);

// Browsers strip leading/trailing C0 controls and spaces, and remove tabs and newlines anywhere,
// before they look at the scheme: "java\tscript:" runs as javascript:. We do the same before
// deciding, so what we check is what a browser would see.
// eslint-disable-next-line no-control-regex
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function clean(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const url = raw.replace(EDGE_JUNK, '').replace(TAB_OR_NEWLINE, '');
  if (url === '' || url.length > 4096 || CONTROL.test(url)) return null;
  return url;
}

function schemeAllowed(url: string, schemes: Set<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!schemes.has(parsed.protocol)) return false;
  // "https:" alone, or "http://" with no host, is no destination at all.
  return parsed.protocol === 'mailto:' ? parsed.pathname !== '' : parsed.hostname !== '';
}

/** A link target we are willing to store, or null: http(s), mailto, or a "/"-relative path. */
export function safeLinkHref(raw: unknown): string | null {
  const url = clean(raw);
  if (url === null) return null;
  if (isRootRelative(url)) return url;
  return schemeAllowed(url, LINK_SCHEMES) ? url : null;
}

/** An image source we are willing to store, or null: http(s) or a "/"-relative path. */
export function safeImageSrc(raw: unknown): string | null {
  const url = clean(raw);
  if (url === null) return null;
  if (isRootRelative(url)) return url;
  return schemeAllowed(url, IMAGE_SCHEMES) ? url : null;
}

/** True for http(s) URLs: the ones that leave the site and deserve rel="noopener noreferrer". */
export function isAbsoluteHttpUrl(url: string): boolean {
  return /^https?:/i.test(url);
}

/** Checks the public site URL handed to the renderers; a bad one is a configuration error. */
export function checkBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  return parsed.origin + parsed.pathname.replace(/\/+$/, '');
}
