import { rfc3339 } from '../feeds/feed-dates.ts';
import { escapeXml, XML_DECLARATION } from '../../../lib/xml-text.ts';

// The sitemap protocol 0.9 (sitemaps.org): a <urlset> of at most 50,000 <url>s, and a
// <sitemapindex> of at most 50,000 <sitemap>s, each file at most 50 MB uncompressed.

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';
/** The protocol's limit per file; routes take a smaller one in tests. */
export const MAX_SITEMAP_URLS = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** When the page last changed (ISO 8601 or Date); omitted when unknown. */
  lastmod?: string | Date | null;
}

function entry(tag: 'url' | 'sitemap', item: SitemapUrl): string {
  const lastmod = item.lastmod ? `<lastmod>${rfc3339(new Date(item.lastmod))}</lastmod>` : '';
  return `<${tag}><loc>${escapeXml(item.loc)}</loc>${lastmod}</${tag}>`;
}

export function buildUrlset(urls: SitemapUrl[]): string {
  if (urls.length > MAX_SITEMAP_URLS)
    throw new RangeError(`a sitemap holds at most ${MAX_SITEMAP_URLS} URLs`);
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NS}">`,
    ...urls.map((u) => entry('url', u)),
    '</urlset>',
    '',
  ].join('\n');
}

export function buildSitemapIndex(sitemaps: SitemapUrl[]): string {
  if (sitemaps.length > MAX_SITEMAP_URLS) {
    throw new RangeError(`a sitemap index holds at most ${MAX_SITEMAP_URLS} sitemaps`);
  }
  return [
    XML_DECLARATION,
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    ...sitemaps.map((s) => entry('sitemap', s)),
    '</sitemapindex>',
    '',
  ].join('\n');
}
