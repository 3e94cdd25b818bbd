/** Child sitemaps live under /sitemaps/; the index (/sitemap.xml) and news sitemap are in urls.ts. */
export type ChildSitemapKind = 'pages' | 'articles';

export interface ChildSitemap {
  kind: ChildSitemapKind;
  /** 1-based. */
  page: number;
}

export const CHILD_SITEMAP_ROUTE = '/sitemaps/:file';

export function childSitemapPath(kind: ChildSitemapKind, page: number): string {
  return `/sitemaps/${kind}-${page}.xml`;
}

/** `articles-3.xml` → { kind: 'articles', page: 3 }; anything else → undefined. */
export function parseChildSitemap(file: string): ChildSitemap | undefined {
  const match = /^(pages|articles)-([1-9]\d{0,8})\.xml$/.exec(file);
  if (!match) return undefined;
  return { kind: match[1] as ChildSitemapKind, page: Number(match[2]) };
}
