/**
 * What a cached response shows, so producers and invalidators agree. A response is stored with
 * the tags of everything on it; a change drops every response carrying one of its tags.
 */
export const cacheTags = {
  /** One article: its page, its Content API answer, every card or Read more that shows it. */
  article: (id: string) => `article:${id}`,
  /** Anything that lists articles: home, tag, author, archive pages, feeds, sitemaps, the 404. */
  listings: 'listings',
  /** The editors' choices (lead, featured, breaking strip): the home page. */
  frontpage: 'frontpage',
  /** The newsletter web archive (index and issue pages): cleared when an issue goes out. */
  newsletters: 'newsletters',
  /** Settings, navigation, theme, taxonomy, media: everything. Every entry carries it. */
  site: 'site',
};
