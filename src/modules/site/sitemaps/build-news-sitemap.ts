import { rfc3339 } from '../feeds/feed-dates.ts';
import { escapeXml, xmlElement, XML_DECLARATION } from '../../../lib/xml-text.ts';
import { SITEMAP_NS } from './build-sitemap.ts';

// Google News sitemaps: articles published in the last two days, at most 1,000 per file.

export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
export const MAX_NEWS_URLS = 1000;
export const NEWS_WINDOW_HOURS = 48;

export interface NewsSitemapEntry {
  loc: string;
  title: string;
  language: string;
  publishedAt: Date;
}

/**
 * Google News takes ISO 639 codes in lower case, with `zh-cn` and `zh-tw` as the only regional
 * forms: `pt-BR` becomes `pt`.
 */
export function newsLanguageCode(language: string): string {
  const lower = language.toLowerCase();
  if (lower === 'zh-cn' || lower === 'zh-tw') return lower;
  return lower.split('-')[0] ?? lower;
}

export function buildNewsSitemap(publicationName: string, entries: NewsSitemapEntry[]): string {
  const urls = entries
    .slice(0, MAX_NEWS_URLS)
    .map((e) =>
      [
        `<url><loc>${escapeXml(e.loc)}</loc>`,
        '<news:news><news:publication>',
        xmlElement('news:name', publicationName),
        xmlElement('news:language', newsLanguageCode(e.language)),
        '</news:publication>',
        xmlElement('news:publication_date', rfc3339(e.publishedAt)),
        xmlElement('news:title', e.title),
        '</news:news></url>',
      ].join(''),
    );
  return [
    XML_DECLARATION,
    `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`,
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
