import { rfc3339 } from './feed-dates.ts';
import type { FeedChannel, FeedEntry, FeedImage } from './feed-entry.ts';
import { xmlAttrs, xmlElement, XML_DECLARATION } from '../../../lib/xml-text.ts';
import { FEED_STYLESHEET_INSTRUCTION } from './feed-stylesheet.ts';

/** Generic XML for the same reason as RSS (build-rss.ts): a browser then renders it through /feed.xsl. */
export const ATOM_CONTENT_TYPE = 'application/xml; charset=utf-8';

const link = (attrs: Record<string, string | number | null | undefined>) => `<link${xmlAttrs(attrs)}/>`;

function person(p: { name: string; url?: string }): string {
  return `<author>${xmlElement('name', p.name)}${p.url ? xmlElement('uri', p.url) : ''}</author>`;
}

function image(img: FeedImage): string[] {
  const media = [
    img.caption ? xmlElement('media:description', img.caption, { type: 'plain' }) : '',
    img.credit ? xmlElement('media:credit', img.credit) : '',
  ].join('');
  return [
    link({
      rel: 'enclosure',
      href: img.url,
      type: img.mime,
      length: img.bytes,
      title: img.caption || img.alt,
    }),
    `<media:content${xmlAttrs({ url: img.url, medium: 'image', type: img.mime, width: img.width, height: img.height })}>` +
      `${media}</media:content>`,
  ];
}

function entry(e: FeedEntry, channel: FeedChannel): string {
  const lines = [
    xmlElement('id', e.id),
    xmlElement('title', e.title, { type: 'text' }),
    link({ rel: 'alternate', type: 'text/html', href: e.url }),
    xmlElement('published', rfc3339(e.publishedAt)),
    xmlElement('updated', rfc3339(e.updatedAt)),
    ...e.authors.map(person),
    ...e.categories.map((c) => `<category${xmlAttrs({ term: c.name })}/>`),
    e.summary ? xmlElement('summary', e.summary, { type: 'text' }) : '',
    // type="html": the markup travels escaped, so nothing in it can break the feed's XML.
    xmlElement('content', e.contentHtml, { type: 'html' }),
    ...(e.image ? image(e.image) : []),
  ];
  const lang = e.language !== channel.language ? xmlAttrs({ 'xml:lang': e.language }) : '';
  return `<entry${lang}>\n${lines.filter(Boolean).join('\n')}\n</entry>`;
}

/** Atom 1.0 (RFC 4287) with the full text as escaped HTML and the hero as an enclosure. */
export function buildAtom(channel: FeedChannel, entries: FeedEntry[]): string {
  const head = [
    xmlElement('id', channel.feedUrls.atom),
    xmlElement('title', channel.title, { type: 'text' }),
    channel.description ? xmlElement('subtitle', channel.description, { type: 'text' }) : '',
    xmlElement('updated', rfc3339(channel.updatedAt)),
    link({ rel: 'alternate', type: 'text/html', href: channel.homeUrl }),
    link({ rel: 'self', type: 'application/atom+xml', href: channel.feedUrls.atom }),
    // Entries without a byline fall back to the publication.
    person(channel.publisher),
    xmlElement('generator', 'Samizdat'),
    // The mirrors page and each mirror (modules/mirrors), for a reader whose access is blocked.
    ...(channel.mirrors
      ? [
          link({
            rel: 'related',
            type: 'text/html',
            href: channel.mirrors.pageUrl,
            title: channel.mirrors.title,
          }),
          ...channel.mirrors.entries.map((e) =>
            link({ rel: 'related', href: e.url, title: e.note || e.kind }),
          ),
        ]
      : []),
  ];
  const root = xmlAttrs({
    xmlns: 'http://www.w3.org/2005/Atom',
    'xmlns:media': 'http://search.yahoo.com/mrss/',
    'xml:lang': channel.language,
  });
  return [
    XML_DECLARATION,
    // A browser shows the feed as a page through it; feed readers ignore the instruction.
    FEED_STYLESHEET_INSTRUCTION,
    `<feed${root}>`,
    ...head.filter(Boolean),
    ...entries.map((e) => entry(e, channel)),
    '</feed>',
    '',
  ].join('\n');
}
