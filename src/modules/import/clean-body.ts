import { resolveEmbed } from '../articles/document/index.ts';
import { embedOrLink } from './wordpress-body.ts';

// Before a body reaches the document model (which keeps only what it knows and never runs
// anything): what it would drop silently is counted here, for the report, and what it would
// keep but should not is removed here: tracking pixels (a 1×1 image is no photo) and images
// from known trackers. Third-party iframes become embeds when the provider is one we link to.
// Pure: regular expressions over the markup, enough to count and to find images.

export interface CleanedBody {
  html: string;
  /** What was removed, by kind: script, style, iframe, tracker, event_handler, form, object. */
  removed: Record<string, number>;
  /** The images left, in order, as written (possibly relative). */
  images: string[];
}

// Known trackers: a host (matching it and its subdomains), or a host and a path (matching that
// path and anything under it on the host), for hosts that also serve real images elsewhere:
// substackcdn.com serves a post's photos, and its /open pixel counts e-mail opens.
const TRACKERS = [
  'google-analytics.com',
  'googletagmanager.com',
  'doubleclick.net',
  'facebook.com',
  'facebook.net',
  'pixel.wp.com',
  'stats.wp.com',
  'feedburner.com',
  'feeds.feedburner.com',
  'quantserve.com',
  'scorecardresearch.com',
  'mc.yandex.ru',
  'top-fwz1.mail.ru',
  'counter.yadro.ru',
  'substackcdn.com/open',
  'list-manage.com',
].map((entry) => {
  const slash = entry.indexOf('/');
  return slash < 0 ? { host: entry, path: '' } : { host: entry.slice(0, slash), path: entry.slice(slash) };
});

function isTrackerUrl(src: string): boolean {
  let url: URL;
  try {
    url = new URL(src, 'http://relative.invalid');
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  return TRACKERS.some(
    (t) =>
      (host === t.host || host.endsWith(`.${t.host}`)) &&
      (t.path === '' || path === t.path || path.startsWith(`${t.path}/`)),
  );
}

const attrOf = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

function isTracker(tag: string): boolean {
  const src = attrOf(tag, 'src') ?? '';
  const w = attrOf(tag, 'width');
  const h = attrOf(tag, 'height');
  if ((w === '1' || w === '0') && (h === '1' || h === '0')) return true;
  if (isTrackerUrl(src)) return true;
  return /[?&](utm_|mc_eid)|\/(pixel|beacon|track|open)\.(gif|png)(\?|$)/i.test(src);
}

export function cleanBody(input: string): CleanedBody {
  const removed: Record<string, number> = {};
  const count = (kind: string, n = 1) => {
    if (n > 0) removed[kind] = (removed[kind] ?? 0) + n;
  };
  let html = input;
  html = html.replace(/<script\b[\s\S]*?<\/script\s*>|<script\b[^>]*\/?>/gi, () => (count('script'), ''));
  html = html.replace(/<style\b[\s\S]*?<\/style\s*>/gi, () => (count('style'), ''));
  html = html.replace(/<noscript\b[\s\S]*?<\/noscript\s*>/gi, () => (count('noscript'), ''));
  html = html.replace(/<iframe\b([^>]*)>(?:[\s\S]*?<\/iframe\s*>)?/gi, (tag) => {
    const src = attrOf(tag, 'src') ?? '';
    if (resolveEmbed(src)) return embedOrLink(src, attrOf(tag, 'title') ?? '');
    count('iframe');
    return '';
  });
  html = html.replace(/<(object|embed|applet)\b[\s\S]*?(<\/\1\s*>|\/?>)/gi, () => (count('object'), ''));
  html = html.replace(/<form\b[\s\S]*?<\/form\s*>/gi, () => (count('form'), ''));
  html = html.replace(/<img\b[^>]*>/gi, (tag) => (isTracker(tag) ? (count('tracker'), '') : tag));
  // Event handlers and javascript: links: the sanitiser drops them; counted here.
  count('event_handler', html.match(/<[^>]+\son[a-z]+\s*=/gi)?.length ?? 0);
  count('javascript_url', html.match(/(href|src)\s*=\s*["']?\s*javascript:/gi)?.length ?? 0);
  const images = [...html.matchAll(/<img\b[^>]*>/gi)]
    .map((m) => attrOf(m[0], 'src') ?? '')
    .filter((src) => src !== '');
  return { html, removed, images };
}

/**
 * Every <img> whose src `replace` answers for: its src set to ours and data-media-id added; an
 * answer of null removes the image (and a figure left holding no image goes with its caption, as
 * the document model does).
 */
export function rewriteImages(
  html: string,
  replace: (src: string) => { src: string; mediaId: string } | null | undefined,
): string {
  const decode = (s: string) => s.replace(/&amp;/g, '&');
  let removedAny = false;
  const out = html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = attrOf(tag, 'src');
    if (src === undefined) return tag;
    const to = replace(decode(src));
    if (to === undefined) return tag;
    if (to === null) {
      removedAny = true;
      return '';
    }
    const alt = attrOf(tag, 'alt') ?? '';
    return `<img src="${to.src}" alt="${alt.replace(/"/g, '&quot;')}" data-media-id="${to.mediaId}">`;
  });
  if (!removedAny) return out;
  // A figure whose photo went: its caption goes too (it would read as a stray sentence).
  return out.replace(
    /<figure\b([^>]*)>((?:(?!<figure\b)[\s\S])*?)<\/figure\s*>/gi,
    (all, attrs: string, inner: string) =>
      /class\s*=\s*["']?embed/.test(attrs) || /<img\b/i.test(inner) ? all : '',
  );
}
