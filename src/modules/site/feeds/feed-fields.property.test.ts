import { parseFeed } from '@rowanmanning/feed-parser';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../articles/document/index.ts';
import { buildAtom } from './build-atom.ts';
import { buildJsonFeed } from './build-json-feed.ts';
import { buildRss } from './build-rss.ts';
import type { FeedChannel, FeedEntry } from './feed-entry.ts';

// Whatever editors type into a title, standfirst, tag description or bio, a feed reader shows
// that text, and never markup the newsroom did not write. Each feed is parsed by a real feed
// parser; each field is then shown the way a reader shows it: RSS `description` and
// `content:encoded` as HTML (the RSS convention), Atom text constructs by their `type` attribute,
// JSON Feed `content_html` as HTML and every other field as text.

type XmlElement = ReturnType<ReturnType<typeof parseFeed>['element']['findElementsWithName']>[number];

const window = new Window({
  settings: {
    disableJavaScriptEvaluation: true,
    disableJavaScriptFileLoading: true,
    disableCSSFileLoading: true,
    disableComputedStyleRendering: true,
  },
});

/** What a reader renders for an HTML field: the elements it would build, and the text shown. */
function renderHtml(html: string): { elements: string[]; text: string } {
  const doc = new window.DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html');
  const body = doc.body;
  return {
    elements: [...body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    text: body.textContent ?? '',
  };
}

/** XML and HTML both fold line ends and readers collapse runs of white space. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Shown as text: the value itself, no elements. */
const asText = (value: string) => ({ elements: [] as string[], text: value });

/** A field of one declared type, as its source had it and as the reader shows it. */
function expectShownAsWritten(
  label: string,
  shown: { elements: string[]; text: string },
  source: { elements: string[]; text: string },
) {
  expect(shown.elements, `${label}: elements`).toEqual(source.elements);
  expect(squash(shown.text), `${label}: text`).toBe(squash(source.text));
}

/** The text of a field as the XML carries it (the parser's own getters decode entities again). */
function childText(parent: XmlElement, name: string, namespace?: string): string | undefined {
  const el = parent
    .findElementsWithName(name)
    .find((e) => namespace === undefined || e.namespace === namespace);
  return el?.textContent;
}

// Text with everything that has broken feeds: markup, entities, CDATA ends, quotes, whitespace.
const hostileFragment = fc.constantFrom(
  '<',
  '>',
  '&',
  ']]>',
  '<![CDATA[',
  '"',
  "'",
  '<b>bold</b>',
  '</p>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&amp;',
  '&lt;i&gt;',
  '&#60;',
  '&nbsp;',
  ' ',
  '\n',
  '\t',
  'é',
  'ж',
  '😀',
);
const hostileText = fc
  .array(fc.oneof(hostileFragment, fc.string({ maxLength: 6 })), { maxLength: 10 })
  .map((parts) => `x${parts.join('')}`);

const scenario = fc.record({
  channelTitle: hostileText,
  channelDescription: hostileText,
  title: hostileText,
  summary: hostileText,
  body: hostileText,
  author: hostileText,
  category: hostileText,
  caption: hostileText,
  credit: hostileText,
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function feedOf(s: Scenario): { channel: FeedChannel; entry: FeedEntry } {
  const channel: FeedChannel = {
    title: s.channelTitle,
    description: s.channelDescription,
    language: 'en',
    homeUrl: 'https://news.example/',
    feedUrls: {
      rss: 'https://news.example/feed.xml',
      atom: 'https://news.example/atom.xml',
      json: 'https://news.example/feed.json',
    },
    updatedAt: new Date('2026-11-27T08:39:14Z'),
    publisher: { name: 'Ilmara', url: 'https://news.example/' },
  };
  const entry: FeedEntry = {
    id: 'urn:uuid:2c60b8d0-4216-4596-801c-fb0b5bc04d16',
    url: 'https://news.example/articles/a',
    title: s.title,
    summary: s.summary,
    // The article body is HTML the renderer made: here one paragraph of the hostile text.
    contentHtml: `<p>${escapeHtml(s.body)}</p>`,
    language: 'en',
    publishedAt: new Date('2026-11-27T06:03:02Z'),
    updatedAt: new Date('2026-11-27T08:39:14Z'),
    authors: [{ name: s.author, url: 'https://news.example/author/a' }],
    categories: [{ name: s.category, url: 'https://news.example/tag/t' }],
    image: {
      url: 'https://news.example/media/a.jpg',
      mime: 'image/jpeg',
      width: 1200,
      height: 800,
      bytes: 1000,
      caption: s.caption,
      credit: s.credit,
      alt: 'alt',
    },
  };
  return { channel, entry };
}

const body = (s: Scenario) => ({ elements: ['p'], text: s.body });
const RUNS = { numRuns: 150 };

describe('feed fields keep text as text and HTML as written', () => {
  it('RSS 2.0: description is HTML, everything else text', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { channel, entry } = feedOf(s);
        const feed = parseFeed(buildRss(channel, [entry]));
        const ch = feed.element; // the <channel>
        const item = feed.items[0]!.element;
        const html = (v: string | undefined) => renderHtml(v ?? '');
        const text = (v: string | undefined) => asText(v ?? '');
        expectShownAsWritten('channel title', text(childText(ch, 'title')), asText(s.channelTitle));
        expectShownAsWritten(
          'channel description',
          html(childText(ch, 'description')),
          asText(s.channelDescription),
        );
        expectShownAsWritten('title', text(childText(item, 'title')), asText(s.title));
        expectShownAsWritten('description', html(childText(item, 'description')), asText(s.summary));
        expectShownAsWritten('content:encoded', html(childText(item, 'encoded', 'content')), body(s));
        expectShownAsWritten('dc:creator', text(childText(item, 'creator', 'dc')), asText(s.author));
        expectShownAsWritten('category', text(childText(item, 'category')), asText(s.category));
        const media = item.findElementsWithName('content').find((e) => e.namespace === 'media')!;
        expectShownAsWritten('media:description', text(childText(media, 'description')), asText(s.caption));
        expectShownAsWritten('media:credit', text(childText(media, 'credit')), asText(s.credit));
      }),
      RUNS,
    );
  });

  it('Atom 1.0: every text construct is shown by the type it declares', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { channel, entry } = feedOf(s);
        const feed = parseFeed(buildAtom(channel, [entry]));
        const root = feed.element;
        const item = feed.items[0]!.element;
        /** An Atom text construct as RFC 4287 3.1 tells a reader to show it. */
        const construct = (parent: XmlElement, name: string) => {
          const el = parent.findElementsWithName(name)[0];
          const type = el?.getAttribute('type') ?? 'text';
          expect(['text', 'html'], `${name} type`).toContain(type);
          return type === 'html' ? renderHtml(el?.textContent ?? '') : asText(el?.textContent ?? '');
        };
        expectShownAsWritten('feed title', construct(root, 'title'), asText(s.channelTitle));
        expectShownAsWritten('subtitle', construct(root, 'subtitle'), asText(s.channelDescription));
        expectShownAsWritten('title', construct(item, 'title'), asText(s.title));
        expectShownAsWritten('summary', construct(item, 'summary'), asText(s.summary));
        expectShownAsWritten('content', construct(item, 'content'), body(s));
        const author = item.findElementsWithName('author')[0]!;
        expectShownAsWritten('author name', asText(childText(author, 'name') ?? ''), asText(s.author));
        const term = item.findElementsWithName('category')[0]?.getAttribute('term') ?? '';
        expectShownAsWritten('category term', asText(term), asText(s.category));
        const media = item.findElementsWithName('content').find((e) => e.namespace === 'media')!;
        expectShownAsWritten(
          'media:description',
          asText(childText(media, 'description') ?? ''),
          asText(s.caption),
        );
      }),
      RUNS,
    );
  });

  it('JSON Feed 1.1: content_html is HTML, title, summary and description are text', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { channel, entry } = feedOf(s);
        const feed = JSON.parse(buildJsonFeed(channel, [entry])) as {
          title: string;
          description: string;
          items: Array<{
            title: string;
            summary: string;
            content_html: string;
            content_text?: string;
            authors: Array<{ name: string }>;
            tags: string[];
            _hero: { caption: string; credit: string };
          }>;
        };
        const [item] = feed.items;
        expect(feed.title).toBe(s.channelTitle);
        expect(feed.description).toBe(s.channelDescription);
        expect(item!.title).toBe(s.title);
        expect(item!.summary).toBe(s.summary);
        expect(item!.content_text).toBeUndefined();
        expectShownAsWritten('content_html', renderHtml(item!.content_html), body(s));
        expect(item!.authors[0]!.name).toBe(s.author);
        expect(item!.tags).toEqual([s.category]);
        expect(item!._hero).toMatchObject({ caption: s.caption, credit: s.credit });
      }),
      RUNS,
    );
  });
});
