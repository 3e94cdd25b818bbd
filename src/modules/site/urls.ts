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
  support: () => '/support',
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
  mirrors: () => '/mirrors',
  /** The signed mirror list (modules/mirrors), one for every language. */
  mirrorList: () => '/.well-known/samizdat-mirrors.json',
};

export type SitePaths = typeof paths;

/**
 * The same addresses for a language's pages: `/ru/`, `/ru/tag/ekonomika`, `/ru/feed.xml`. The
 * default language keeps the plain ones (prefix ""). Articles and media carry their own language
 * and stay where they are; sitemaps are one index for the whole site.
 */
export function pathsIn(prefix: string): SitePaths {
  if (prefix === '') return paths;
  return {
    ...paths,
    home: () => `${prefix}/`,
    homePage: (page: number) => (page <= 1 ? `${prefix}/` : `${prefix}/page/${page}`),
    tag: (slug: string, page = 1) => prefix + paths.tag(slug, page),
    author: (slug: string, page = 1) => prefix + paths.author(slug, page),
    search: () => prefix + paths.search(),
    support: () => prefix + paths.support(),
    archive: (year?: number, month?: number) => prefix + paths.archive(year, month),
    feed: (format: FeedFormat) => prefix + paths.feed(format),
    tagFeed: (slug: string, format: FeedFormat) => prefix + paths.tagFeed(slug, format),
    authorFeed: (slug: string, format: FeedFormat) => prefix + paths.authorFeed(slug, format),
    mirrors: () => prefix + paths.mirrors(),
  };
}

/** Where a language's pages live: "" for the default language, "/ru" for Russian. */
export function languagePrefix(language: string, defaultLanguage: string): string {
  return language === defaultLanguage ? '' : `/${language}`;
}
