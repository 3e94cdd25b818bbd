import { spawnSync } from 'node:child_process';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildAtom } from './build-atom.ts';
import { buildJsonFeed, JSON_FEED_VERSION } from './build-json-feed.ts';
import { buildRss } from './build-rss.ts';
import { channel, CLEAN_HTML, CLEAN_TITLE, entries } from '../../../../test/support/feed-fixtures.ts';

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const xml = (doc: string) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (n) => ['item', 'entry', 'link'].includes(n),
  }).parse(doc);

/**
 * Well-formed by libxml2's judgement when it is installed (always in CI, where its absence fails),
 * and by fast-xml-parser's always.
 */
function expectWellFormed(doc: string) {
  expect(XMLValidator.validate(doc)).toBe(true);
  const lint = spawnSync('xmllint', ['--noout', '-'], { input: doc, encoding: 'utf8' });
  if (process.env.CI) expect(lint.error, 'xmllint (apt-get install libxml2-utils)').toBeUndefined();
  if (!lint.error) expect(lint.stderr).toBe('');
}

describe('buildRss', () => {
  const doc = buildRss(channel, entries);

  it('is well-formed RSS 2.0 that a feed reader parses back to the same text', () => {
    expectWellFormed(doc);
    const feed = parseFeed(doc);
    expect(feed.meta.type).toBe('rss');
    expect(feed.title).toBe('Ilmara: Culture & <Arts>');
    expect(feed.language).toBe('en');
    expect(feed.self).toBe(channel.feedUrls.rss);
    const [first] = feed.items;
    expect(first?.title).toBe(CLEAN_TITLE);
    // The parser decodes HTML entities too; the exact markup is checked below.
    expect(first?.content).toContain('Tom & Jerry say a[b[0]]>1 and ]]> ends nothing.</p>');
    expect(first?.authors.map((a) => a.name)).toEqual(['Nika Dorn', 'Tomas Kerel']);
    expect(xml(doc).rss.channel.item[0]['content:encoded']).toBe(CLEAN_HTML);
  });

  it('dates items in RFC 822, links them with a permalink guid, and attaches the hero', () => {
    const item = xml(doc).rss.channel.item[0];
    expect(item.pubDate).toMatch(RFC_822);
    expect(new Date(item.pubDate).toISOString()).toBe('2026-11-27T06:03:02.000Z');
    expect(xml(doc).rss.channel.lastBuildDate).toMatch(RFC_822);
    expect(item.guid).toEqual({ '#text': entries[0]!.url, '@isPermaLink': 'true' });
    expect(item.enclosure).toEqual({
      '@url': entries[0]!.image!.url,
      '@length': '183402',
      '@type': 'image/jpeg',
    });
    expect(item['media:content']['@url']).toBe(entries[0]!.image!.url);
    expect(item['media:content']['media:description']['#text']).toBe('The "Small Stage" & its cellar');
    expect(item['media:content']['media:credit']).toBe('Photo: Kasia Ruden / Ilmara');
    expect(xml(doc).rss.channel['atom:link']).toMatchObject({
      '@rel': 'self',
      '@href': channel.feedUrls.rss,
    });
  });

  it('marks an item in another language and leaves out what it does not have', () => {
    const second = xml(doc).rss.channel.item[1];
    expect(second['dc:language']).toBe('ru');
    expect(second.enclosure).toBeUndefined();
    expect(second.description).toBeUndefined();
    expect(xml(doc).rss.channel.item[0]['dc:language']).toBeUndefined();
  });

  it('is still a valid feed with no items', () => {
    const empty = buildRss(channel, []);
    expectWellFormed(empty);
    expect(parseFeed(empty).items).toEqual([]);
  });
});

describe('buildAtom', () => {
  const doc = buildAtom(channel, entries);

  it('is well-formed Atom that a feed reader parses back to the same text', () => {
    expectWellFormed(doc);
    const feed = parseFeed(doc);
    expect(feed.meta.type).toBe('atom');
    expect(feed.self).toBe(channel.feedUrls.atom);
    const [first] = feed.items;
    expect(first?.id).toBe(entries[0]!.id);
    expect(first?.title).toBe(CLEAN_TITLE);
    expect(first?.content).toContain('Tom & Jerry say a[b[0]]>1 and ]]> ends nothing.</p>');
    expect(xml(doc).feed.entry[0].content['#text']).toBe(CLEAN_HTML);
    expect(first?.url).toBe(entries[0]!.url);
    expect(first?.authors.map((a) => a.name)).toEqual(['Nika Dorn', 'Tomas Kerel']);
    expect(first?.media.map((m) => m.url)).toContain(entries[0]!.image!.url);
  });

  it('dates in RFC 3339, links itself, and carries the hero as an enclosure', () => {
    const feed = xml(doc).feed;
    expect(feed['@xml:lang']).toBe('en');
    expect(feed.updated).toBe('2026-11-27T08:39:14Z');
    expect(feed.link).toContainEqual({
      '@rel': 'self',
      '@type': 'application/atom+xml',
      '@href': channel.feedUrls.atom,
    });
    const entry = feed.entry[0];
    expect(entry.published).toMatch(RFC_3339);
    expect(entry.updated).toBe('2026-11-27T08:39:14Z');
    expect(entry.content['@type']).toBe('html');
    expect(entry.link).toContainEqual({
      '@rel': 'enclosure',
      '@href': entries[0]!.image!.url,
      '@type': 'image/jpeg',
      '@length': '183402',
      '@title': 'The "Small Stage" & its cellar',
    });
    expect(feed.entry[1]['@xml:lang']).toBe('ru');
    // The publication stands in for entries that have no byline.
    expect(feed.author.name).toBe('Ilmara');
  });
});

describe('buildJsonFeed', () => {
  const feed = JSON.parse(buildJsonFeed(channel, entries));

  it('follows JSON Feed 1.1', () => {
    expect(feed).toMatchObject({
      version: JSON_FEED_VERSION,
      title: channel.title,
      home_page_url: channel.homeUrl,
      feed_url: channel.feedUrls.json,
      language: 'en',
      authors: [{ name: 'Ilmara', url: 'https://news.example/' }],
    });
    expect(feed.items[0]).toMatchObject({
      id: entries[0]!.id,
      url: entries[0]!.url,
      title: entries[0]!.title,
      content_html: entries[0]!.contentHtml,
      summary: 'Bakers & millers <warn>.',
      image: entries[0]!.image!.url,
      date_published: '2026-11-27T06:03:02Z',
      date_modified: '2026-11-27T08:39:14Z',
      authors: [
        { name: 'Nika Dorn', url: 'https://news.example/author/nika-dorn' },
        { name: 'Tomas Kerel', url: 'https://news.example/author/tomas-kerel' },
      ],
      tags: ['Culture'],
      language: 'en',
      _hero: { caption: 'The "Small Stage" & its cellar', credit: 'Photo: Kasia Ruden / Ilmara' },
    });
    expect(feed.items[1]).not.toHaveProperty('image');
    expect(feed.items[1]).not.toHaveProperty('summary');
    expect(feed.items[1]).not.toHaveProperty('authors');
    expect(feed.items[1]).not.toHaveProperty('tags');
    expect(feed.items[1].language).toBe('ru');
  });
});
