// Rewrites what the server rendered for its own origin into files that work from any origin and
// sub-path. Pure: each function takes the file's text and where it will live, and returns the
// new text and the site paths it links (so the export can follow them).
//
// The policy (docs/mirrors.md):
//  - HTML: every link, image, srcset, form action and stylesheet to the site becomes relative.
//    Canonical-type metadata keeps SITE_URL, because it says where the original is and no browser
//    fetches it: <link rel="canonical">, <link rel="alternate" hreflang>, og:/twitter: <meta> and
//    JSON-LD. An absolute link to SITE_URL in an article body becomes relative too.
//  - CSS: url(/...) becomes relative to the stylesheet.
//  - Feeds and sitemaps need absolute URLs to be read correctly. With a base URL (the mirror's
//    own public address) every site URL becomes absolute on it; without one it becomes relative
//    to the file, which feed readers resolve against the feed's address. Item identifiers (RSS
//    guid, Atom id, JSON Feed id) keep SITE_URL: they name the story, so a reader subscribed to
//    both the site and a mirror sees each story once.
//  - robots.txt: Sitemap lines need absolute URLs; on the base URL when given, left out otherwise.
import { fileForPath, internalPath, isServerOnly, relativeLink } from './mirror-paths.ts';

export interface Rewritten {
  body: string;
  /** Site paths linked from the file (queries kept), for the export to follow. */
  links: string[];
}

export interface RewriteContext {
  /** Where the file lives in the mirror ("articles/x/index.html"). */
  file: string;
  /** SITE_URL without a trailing slash. */
  siteUrl: string;
  /** The mirror's own public URL (no trailing slash), for feeds and sitemaps; optional. */
  baseUrl?: string;
}

const LINK_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'poster']);
// A start tag, with quoted attribute values that may hold ">".
const TAG =
  /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
// Text that is not markup: scripts (JSON-LD), styles, comments.
const RAW_BLOCK = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;

/** Decodes the entities a URL attribute may carry. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

export function rewriteHtml(html: string, ctx: RewriteContext): Rewritten {
  const links: string[] = [];
  const link = (url: string): string => {
    const path = internalPath(url.trim(), ctx.siteUrl);
    if (path === undefined || isServerOnly(path)) return url;
    const relative = relativeLink(ctx.file, path);
    if (relative === undefined) return url;
    links.push(path);
    return relative;
  };
  const rewriteTags = (part: string) =>
    part.replace(TAG, (tag: string, name: string, attributes: string, close: string) => {
      const lower = name.toLowerCase();
      const isMetadataLink =
        lower === 'link' &&
        /\srel\s*=\s*["']?(canonical|alternate)\b/i.test(attributes) &&
        (/\srel\s*=\s*["']?canonical/i.test(attributes) || /\shreflang\s*=/i.test(attributes));
      if (isMetadataLink || lower === 'meta') return tag;
      let changed = false;
      const out = attributes.replace(
        ATTRIBUTE,
        (whole: string, space: string, attr: string, eq?: string, quoted?: string) => {
          if (!eq || quoted === undefined || !LINK_ATTRIBUTES.has(attr.toLowerCase())) return whole;
          const raw = quoted.startsWith('"') || quoted.startsWith("'") ? quoted.slice(1, -1) : quoted;
          const value = decodeAttribute(raw);
          const next =
            attr.toLowerCase() === 'srcset'
              ? value
                  .split(',')
                  .map((candidate) => {
                    const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
                    return [link(url), ...descriptor].join(' ');
                  })
                  .join(', ')
              : link(value);
          if (next === value) return whole;
          changed = true;
          return `${space}${attr}${eq}"${encodeAttribute(next)}"`;
        },
      );
      return changed ? `<${name}${out}${close}>` : tag;
    });
  // Markup between raw blocks is rewritten; the blocks themselves are kept as they are.
  let body = '';
  let last = 0;
  for (const match of html.matchAll(RAW_BLOCK)) {
    body += rewriteTags(html.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  body += rewriteTags(html.slice(last));
  return { body, links };
}

export function rewriteCss(css: string, ctx: RewriteContext): Rewritten {
  const links: string[] = [];
  const body = css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, quote: string, url: string) => {
    const path = internalPath(url, ctx.siteUrl);
    if (path === undefined) return whole;
    const relative = relativeLink(ctx.file, path);
    if (relative === undefined) return whole;
    links.push(path);
    return `url(${quote}${relative}${quote})`;
  });
  return { body, links };
}

/** Escapes a string for use in a RegExp. */
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Feeds, sitemaps and the feed stylesheet (XML), and JSON Feed: every site URL, absolute or
 * origin-relative in an href/src attribute, is mapped; identifiers keep SITE_URL.
 */
export function rewriteFeedOrSitemap(text: string, ctx: RewriteContext, kind: 'xml' | 'json'): Rewritten {
  const links: string[] = [];
  const site = literal(ctx.siteUrl);
  const mapPath = (path: string): string => {
    if (isServerOnly(path)) return ctx.siteUrl + path;
    links.push(path);
    if (ctx.baseUrl) {
      const file = fileForPath(path);
      return file
        ? `${ctx.baseUrl}/${file.split('/').map(encodeURIComponent).join('/')}`
        : ctx.siteUrl + path;
    }
    return relativeLink(ctx.file, path) ?? ctx.siteUrl + path;
  };
  // Identifiers are set aside first and put back unchanged.
  const kept: string[] = [];
  const keep = (s: string) => `\u0000${kept.push(s) - 1}\u0000`;
  let body = text;
  if (kind === 'xml') {
    body = body.replace(/<(guid|id)\b[^>]*>[\s\S]*?<\/\1>/g, keep);
  } else {
    body = body.replace(/"id":"(?:[^"\\]|\\.)*"/g, keep);
  }
  // Absolute site URLs: up to a quote, <, whitespace or the end of a CDATA/attribute.
  const absolute = new RegExp(`${site}(/[^"'<>\\s\\]\\\\]*)?(?=["'<>\\s\\]\\\\]|$)`, 'g');
  body = body.replace(absolute, (_whole, path?: string) => mapPath(path ?? '/'));
  if (kind === 'xml') {
    // Origin-relative attributes (the stylesheet processing instruction, the feed stylesheet's links).
    body = body.replace(/\b(href|src)="(\/(?!\/)[^"]*)"/g, (_w, attr: string, path: string) => {
      return `${attr}="${mapPath(decodeAttribute(path)).replace(/&/g, '&amp;')}"`;
    });
  }
  // eslint-disable-next-line no-control-regex
  body = body.replace(/\u0000(\d+)\u0000/g, (_w, i: string) => kept[Number(i)]!);
  return { body, links };
}

/** robots.txt: its rules as they are; Sitemap lines on the base URL, or left out without one. */
export function rewriteRobots(text: string, ctx: RewriteContext): Rewritten {
  const links: string[] = [];
  const lines = text.split('\n').flatMap((line) => {
    const m = /^Sitemap:\s*(\S+)\s*$/i.exec(line);
    if (!m) return [line];
    const path = internalPath(m[1]!, ctx.siteUrl);
    if (path === undefined) return [line];
    links.push(path);
    if (!ctx.baseUrl) return [];
    const file = fileForPath(path);
    return file ? [`Sitemap: ${ctx.baseUrl}/${file}`] : [];
  });
  return { body: lines.join('\n'), links };
}
