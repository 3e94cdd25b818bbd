// Feed view models with everything that breaks naive XML: markup characters, "]]>", control
// characters, a pen name, a second language. Shared by the builder tests.
import type { FeedChannel, FeedEntry } from '../../src/modules/site/feeds/feed-entry.ts';

export const HOSTILE_TITLE = `Bread & <Butter>: "prices" up 'again'\u0001`;
export const HOSTILE_HTML =
  '<p>Tom &amp; Jerry say a[b[0]]&gt;1 and ]]> ends nothing.\u000B</p>\n' +
  '<figure><img src="https://news.example/media/a-640.jpg" alt=""><figcaption>Caption</figcaption></figure>';
/** What a reader gets: the same, minus the characters XML 1.0 cannot carry. */
export const CLEAN_TITLE = HOSTILE_TITLE.replace('\u0001', '');
export const CLEAN_HTML = HOSTILE_HTML.replace('\u000B', '');

export const channel: FeedChannel = {
  title: 'Ilmara: Culture & <Arts>',
  description: 'Books, theatre & music',
  language: 'en',
  homeUrl: 'https://news.example/tag/culture',
  feedUrls: {
    rss: 'https://news.example/tag/culture/feed.xml',
    atom: 'https://news.example/tag/culture/atom.xml',
    json: 'https://news.example/tag/culture/feed.json',
  },
  updatedAt: new Date('2026-11-27T08:39:14.123Z'),
  publisher: { name: 'Ilmara', url: 'https://news.example/' },
};

export const entries: FeedEntry[] = [
  {
    id: 'urn:uuid:2c60b8d0-4216-4596-801c-fb0b5bc04d16',
    url: 'https://news.example/articles/bread-and-butter',
    title: HOSTILE_TITLE,
    summary: 'Bakers & millers <warn>.',
    contentHtml: HOSTILE_HTML,
    language: 'en',
    publishedAt: new Date('2026-11-27T06:03:02.000Z'),
    updatedAt: new Date('2026-11-27T08:39:14.123Z'),
    authors: [
      { name: 'Nika Dorn', url: 'https://news.example/author/nika-dorn' },
      { name: 'Tomas Kerel', url: 'https://news.example/author/tomas-kerel' },
    ],
    categories: [{ name: 'Culture', url: 'https://news.example/tag/culture' }],
    image: {
      url: 'https://news.example/media/2026/11/hero/w1200.jpg',
      mime: 'image/jpeg',
      width: 1200,
      height: 800,
      bytes: 183_402,
      caption: 'The "Small Stage" & its cellar',
      credit: 'Photo: Kasia Ruden / Ilmara',
      alt: 'Twelve chairs',
    },
  },
  {
    id: 'urn:uuid:dfe29572-7076-41ef-88e2-8eeb0f27dcdd',
    url: 'https://news.example/articles/ozero',
    title: 'Озеро мелеет',
    summary: '',
    contentHtml: '<p>Текст</p>',
    language: 'ru',
    publishedAt: new Date('2026-11-26T01:02:03.000Z'),
    updatedAt: new Date('2026-11-26T01:02:03.000Z'),
    authors: [],
    categories: [],
    image: null,
  },
];
