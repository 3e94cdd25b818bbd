import { rfc3339 } from './feed-dates.ts';
import type { FeedChannel, FeedEntry } from './feed-entry.ts';

export const JSON_FEED_CONTENT_TYPE = 'application/feed+json; charset=utf-8';
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function buildJsonFeed(channel: FeedChannel, entries: FeedEntry[]): string {
  const feed = {
    version: JSON_FEED_VERSION,
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrls.json,
    ...(channel.description ? { description: channel.description } : {}),
    authors: [channel.publisher],
    language: channel.language,
    // An extension object: where to read the site when it is blocked, and the signed list.
    ...(channel.mirrors
      ? {
          _mirrors: {
            about: channel.mirrors.title,
            page_url: channel.mirrors.pageUrl,
            signed_list_url: channel.mirrors.listUrl,
            mirrors: channel.mirrors.entries,
          },
        }
      : {}),
    items: entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.image ? { image: e.image.url } : {}),
      date_published: rfc3339(e.publishedAt),
      date_modified: rfc3339(e.updatedAt),
      // Optional arrays are left out rather than sent empty.
      ...(e.authors.length ? { authors: e.authors.map((a) => ({ name: a.name, url: a.url })) } : {}),
      ...(e.categories.length ? { tags: e.categories.map((c) => c.name) } : {}),
      language: e.language,
      // An extension object (keys starting with "_" are ours to define): what the hero shows.
      ...(e.image
        ? {
            _hero: {
              caption: e.image.caption,
              credit: e.image.credit,
              alt: e.image.alt,
              width: e.image.width,
              height: e.image.height,
            },
          }
        : {}),
    })),
  };
  return `${JSON.stringify(feed)}\n`;
}
