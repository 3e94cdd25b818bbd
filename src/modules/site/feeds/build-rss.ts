import { rfc822 } from './feed-dates.ts';
import type { FeedChannel, FeedEntry, FeedImage } from './feed-entry.ts';
import { cdata, xmlAttrs, xmlElement, XML_DECLARATION } from '../../../lib/xml-text.ts';
import { FEED_STYLESHEET_INSTRUCTION } from './feed-stylesheet.ts';
import { escapeHtml } from '../../articles/document/index.ts';

/**
 * Served as generic XML, not application/rss+xml: Chromium shows an rss+xml response as plain
 * text and never applies its stylesheet (/feed.xsl). Feed readers go by the content, not the type;
 * pages still announce the feed as application/rss+xml for autodiscovery.
 */
export const RSS_CONTENT_TYPE = 'application/xml; charset=utf-8';

const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

// Each element carries text or HTML, never "whatever readers make of it":
// - HTML: `description` (item and channel), by RSS convention every reader decodes it as HTML,
//   so our plain text (standfirst, excerpt, tag description, bio) is escaped as HTML first;
//   `content:encoded`, the article's HTML.
// - Text: `title`, `dc:creator`, `category`, `media:description` (type="plain"), `media:credit`.
// Then everything is escaped once more for XML.

/** Plain text as the HTML that shows exactly that text. */
const textAsHtml = (text: string) => escapeHtml(text);

function image(img: FeedImage): string[] {
  const media = [
    img.caption ? xmlElement('media:description', img.caption, { type: 'plain' }) : '',
    img.credit ? xmlElement('media:credit', img.credit) : '',
  ].filter(Boolean);
  return [
    `<enclosure${xmlAttrs({ url: img.url, length: img.bytes ?? 0, type: img.mime })}/>`,
    `<media:content${xmlAttrs({ url: img.url, medium: 'image', type: img.mime, width: img.width, height: img.height })}>` +
      `${media.join('')}</media:content>`,
  ];
}

function item(entry: FeedEntry, channel: FeedChannel): string {
  const lines = [
    xmlElement('title', entry.title),
    xmlElement('link', entry.url),
    xmlElement('guid', entry.url, { isPermaLink: 'true' }),
    xmlElement('pubDate', rfc822(entry.publishedAt)),
    ...entry.authors.map((a) => xmlElement('dc:creator', a.name)),
    ...entry.categories.map((c) => xmlElement('category', c.name, { domain: c.url })),
    entry.language !== channel.language ? xmlElement('dc:language', entry.language) : '',
    entry.summary ? xmlElement('description', textAsHtml(entry.summary)) : '',
    `<content:encoded>${cdata(entry.contentHtml)}</content:encoded>`,
    ...(entry.image ? image(entry.image) : []),
  ];
  return `<item>\n${lines.filter(Boolean).join('\n')}\n</item>`;
}

/** The mirrors page and each mirror as channel-level atom:link rel="related". */
function mirrorLinks(channel: FeedChannel): string[] {
  const m = channel.mirrors;
  if (!m) return [];
  return [
    `<atom:link${xmlAttrs({ href: m.pageUrl, rel: 'related', type: 'text/html', title: m.title })}/>`,
    ...m.entries.map(
      (e) => `<atom:link${xmlAttrs({ href: e.url, rel: 'related', title: e.note || e.kind })}/>`,
    ),
  ];
}

/** RSS 2.0 with the full text in `content:encoded` and the hero as enclosure and `media:content`. */
export function buildRss(channel: FeedChannel, entries: FeedEntry[]): string {
  const head = [
    xmlElement('title', channel.title),
    xmlElement('link', channel.homeUrl),
    xmlElement('description', textAsHtml(channel.description || channel.title)),
    `<atom:link${xmlAttrs({ href: channel.feedUrls.rss, rel: 'self', type: 'application/rss+xml' })}/>`,
    xmlElement('language', channel.language),
    xmlElement('lastBuildDate', rfc822(channel.updatedAt)),
    xmlElement('generator', 'Samizdat'),
    ...mirrorLinks(channel),
  ];
  return [
    XML_DECLARATION,
    // A browser shows the feed as a page through it; feed readers ignore the instruction.
    FEED_STYLESHEET_INSTRUCTION,
    `<rss version="2.0"${xmlAttrs(NAMESPACES)}>`,
    '<channel>',
    ...head,
    ...entries.map((e) => item(e, channel)),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
