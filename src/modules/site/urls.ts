/** Public URL paths. One place, so pages, feeds, sitemaps, APIs and mirrors agree. */
export type FeedFormat = 'rss' | 'atom' | 'json';

const FEED_FILE: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

export const paths = {
  home: () => '/',
  homePage: (page: number) => (page <= 1 ? '/' : `/page/${page}`),
  article: (slug: string) => `/articles/${slug}`,
  tag: (slug: string, page = 1) => (page <= 1 ? `/tag/${slug}` : `/tag/${slug}/page/${page}`),
  author: (slug: string, page = 1) => (page <= 1 ? `/author/${slug}` : `/author/${slug}/page/${page}`),
  search: () => '/search',
  archive: (year?: number, month?: number) =>
    year === undefined
      ? '/archive'
      : month === undefined
        ? `/archive/${year}`
        : `/archive/${year}/${String(month).padStart(2, '0')}`,
  media: (key: string) => `/media/${key}`,
  feed: (format: FeedFormat) => `/${FEED_FILE[format]}`,
  tagFeed: (slug: string, format: FeedFormat) => `/tag/${slug}/${FEED_FILE[format]}`,
  authorFeed: (slug: string, format: FeedFormat) => `/author/${slug}/${FEED_FILE[format]}`,
  sitemapIndex: () => '/sitemap.xml',
  newsSitemap: () => '/sitemap-news.xml',
  robots: () => '/robots.txt',
};
