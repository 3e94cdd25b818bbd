import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { snippetSource } from '../../search/index.ts';
import { snippetHtml } from './snippet-html.ts';
import { languageName, quoteHtml, translate } from '../../../i18n/index.ts';
import { paths, type SitePaths } from '../urls.ts';
import { SIZES, toCard } from './cards.ts';
import { pageMeta } from './page-meta.ts';
import { paginate } from './pagination.ts';
import type { CardView, PageMeta, PaginationView } from './view-types.ts';

export interface SearchInput {
  lang: string;
  site: { url: string; name: string; timeZone: string };
  q: string;
  /** The language filter the reader chose, or null for all. */
  language: string | null;
  /** Languages the publication has articles in, for the filter. */
  languages: string[];
  total: number;
  /** The hits of this page, best first. */
  articles: Article[];
  media: Map<string, PublicMedia>;
  page: number;
  pages: number;
  paths?: SitePaths;
}

export interface SearchResultView {
  card: CardView;
  /** Escaped text with the matched words in <mark>: printed raw. */
  titleHtml: string;
  snippetHtml: string;
}

export interface SearchPageView {
  page: PageMeta;
  search: {
    q: string;
    hasQuery: boolean;
    countText: string;
    results: SearchResultView[];
    languages: Array<{ code: string; name: string; selected: boolean }>;
    anyLanguageSelected: boolean;
  };
  pagination: PaginationView;
}

export function searchUrl(q: string, language: string | null, page: number, urls: SitePaths = paths): string {
  const params = new URLSearchParams({ q });
  if (language) params.set('lang', language);
  if (page > 1) params.set('page', String(page));
  return `${urls.search()}?${params.toString()}`;
}

export function searchPageView(input: SearchInput): SearchPageView {
  const { lang, site, q } = input;
  const urls = input.paths ?? paths;
  const hasQuery = q.trim() !== '';
  const pagination = paginate(input.page, input.pages, (n) => searchUrl(q, input.language, n, urls));
  const title = hasQuery ? translate(lang, 'search.results_for', { q }) : translate(lang, 'search.title');
  return {
    page: pageMeta({
      kind: 'search',
      lang,
      siteUrl: site.url,
      siteName: site.name,
      title,
      description: translate(lang, 'search.label'),
      canonical: urls.search(),
      // Result pages are endless and thin: keep them out of search engines, follow their links.
      robots: 'noindex, follow',
      pagination,
    }),
    search: {
      q,
      hasQuery,
      countText: translate(lang, 'search.count', { count: input.total }),
      results: input.articles.map((a) => ({
        card: toCard(a, input.media, { lang, timeZone: site.timeZone, sizes: SIZES.row, paths: urls }),
        titleHtml: quoteHtml(snippetHtml(a.title, q, a.language, { maxChars: 400 }), a.language),
        snippetHtml: snippetHtml(snippetSource(`${a.standfirst}\n${a.bodyText}`), q, a.language, {
          maxChars: 240,
        }),
      })),
      languages: input.languages.map((code) => ({
        code,
        name: languageName(code),
        selected: code === input.language,
      })),
      anyLanguageSelected: input.language !== null,
    },
    pagination,
  };
}
