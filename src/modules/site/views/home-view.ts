import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { translate } from '../../../i18n/index.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { paths, type SitePaths } from '../urls.ts';
import { SIZES, toCard } from './cards.ts';
import { websiteJsonLd } from './json-ld.ts';
import type { ListingSite } from './listing-view.ts';
import { pageMeta } from './page-meta.ts';
import { paginate } from './pagination.ts';
import type { AlternateView, CardView, PageMeta } from './view-types.ts';

export interface HomeInput {
  lang: string;
  site: ListingSite;
  /** Already placed once each (frontpage's assignHomeSlots): the route decides who goes where. */
  lead: Article | null;
  featured: Article[];
  /** The latest stream after the lead, newest first. */
  latest: Article[];
  rails: Array<{ name: string; url: string; articles: Article[] }>;
  /** Recent articles in other languages than the home page's. */
  otherLanguages: Article[];
  /** The breaking strip while it lasts, with its link resolved (or none). */
  breaking: { text: string; url: string | null } | null;
  media: Map<string, PublicMedia>;
  /** Pages of the latest-stories listing (page 2 onwards lives at /page/N). */
  pages: number;
  urlOf: (page: number) => string;
  paths?: SitePaths;
  /** The home pages of the site's other languages (hreflang, with x-default). */
  alternates?: AlternateView[];
}

export interface HomePageView {
  page: PageMeta;
  breaking: { text: string; url: string | null } | null;
  lead: CardView | null;
  /** The editors' featured stories, in their order, beside the lead. */
  featured: CardView[];
  /** The next stories as headlines beside the lead. */
  latest: CardView[];
  /** The rest of the first page of the stream, as cards below. */
  more: CardView[];
  /** Only rails with stories; `few` marks one or two, which the theme lays out without empty columns. */
  rails: Array<{ name: string; url: string; cards: CardView[]; few: boolean }>;
  otherLanguages: CardView[];
  moreUrl: string | null;
}

/** Headlines beside the lead story; the rest of the home page's stream comes as cards below. */
export const HEADLINES = 5;
/** Fewer cards than this in a rail and the theme lays them out wide instead of in a four-column grid. */
const FULL_RAIL = 3;

export function homePageView(input: HomeInput): HomePageView {
  const { lang, site, media } = input;
  const urls = input.paths ?? paths;
  const card =
    (sizes: string, eager = false) =>
    (a: Article) =>
      toCard(a, media, { lang, timeZone: site.timeZone, sizes, eager, paths: urls });
  const pagination = paginate(1, input.pages, input.urlOf);
  return {
    page: pageMeta({
      kind: 'home',
      lang,
      siteUrl: site.url,
      siteName: site.name,
      title: site.description
        ? translate(lang, 'site.home_title', { name: site.name, description: site.description })
        : site.name,
      description: site.description || site.name,
      canonical: input.urlOf(1),
      alternates: input.alternates ?? [],
      pagination,
      jsonLd: websiteJsonLd({
        name: site.name,
        url: absoluteUrl(site.url, input.urlOf(1)),
        searchUrl: absoluteUrl(site.url, urls.search()),
        description: site.description,
      }),
    }),
    breaking: input.breaking,
    lead: input.lead ? card(SIZES.lead, true)(input.lead) : null,
    featured: input.featured.map(card(SIZES.thumb)),
    latest: input.latest.slice(0, HEADLINES).map(card(SIZES.thumb)),
    more: input.latest.slice(HEADLINES).map(card(SIZES.moreRow)),
    rails: input.rails
      .filter((r) => r.articles.length > 0)
      .map((r) => ({
        name: r.name,
        url: r.url,
        // A rail of few is laid out in rows (home.liquid), each picture beside its text.
        cards: r.articles.map(card(r.articles.length < FULL_RAIL ? SIZES.row : SIZES.card)),
        few: r.articles.length < FULL_RAIL,
      })),
    otherLanguages: input.otherLanguages.map(card(SIZES.thumb)),
    moreUrl: pagination.next,
  };
}
