/** Public URL paths. One place, so pages, feeds, sitemaps, APIs and mirrors agree. */
export const paths = {
  home: () => '/',
  article: (slug: string) => `/articles/${slug}`,
  tag: (slug: string) => `/tag/${slug}`,
  author: (slug: string) => `/author/${slug}`,
  search: () => '/search',
  media: (key: string) => `/media/${key}`,
};

export function absolute(siteUrl: string, path: string): string {
  return `${siteUrl}${path}`;
}
