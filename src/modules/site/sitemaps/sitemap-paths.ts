/** Child sitemaps live under /sitemaps/; the index (/sitemap.xml) and news sitemap are in urls.ts. */
export type ChildSitemapKind = 'pages' | 'articles';

export interface ChildSitemap {
  kind: ChildSitemapKind;
  /** The pages of one language other than the default (/ru/...): `pages-ru-1.xml`. */
  language?: string;
  /** 1-based. */
  page: number;
}

export const CHILD_SITEMAP_ROUTE = '/sitemaps/:file';

export function childSitemapPath(kind: ChildSitemapKind, page: number, language?: string): string {
  return language ? `/sitemaps/${kind}-${language}-${page}.xml` : `/sitemaps/${kind}-${page}.xml`;
}

/** `articles-3.xml` → { kind: 'articles', page: 3 }; anything else → undefined. */
export function parseChildSitemap(file: string): ChildSitemap | undefined {
  const match = /^(pages|articles)(?:-([a-z]{2,3}))?-([1-9]\d{0,8})\.xml$/.exec(file);
  if (!match) return undefined;
  if (match[2] && match[1] !== 'pages') return undefined;
  return {
    kind: match[1] as ChildSitemapKind,
    page: Number(match[3]),
    ...(match[2] ? { language: match[2] } : {}),
  };
}
