import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { translate } from '../../../i18n/index.ts';
import { SIZES, toCard } from './cards.ts';
import { websiteJsonLd } from './json-ld.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { pageMeta } from './page-meta.ts';
import { paginate } from './pagination.ts';
import { paths } from '../urls.ts';
import type { CardView, FeedLinkView, PageMeta, PaginationView } from './view-types.ts';

export interface ListingSite {
  url: string;
  name: string;
  description: string;
  timeZone: string;
}

export interface ListingInput {
  lang: string;
  site: ListingSite;
  /** "Section", "Topic", "Pen name"…: a small label above the heading, or null. */
  kicker: string | null;
  heading: string;
  intro: string;
  articles: Article[];
  media: Map<string, PublicMedia>;
  page: number;
  pages: number;
  urlOf: (page: number) => string;
  feeds?: FeedLinkView[];
  kind?: PageMeta['kind'];
}

export interface ListingPageView {
  page: PageMeta;
  listing: { kicker: string | null; heading: string; intro: string; cards: CardView[] };
  pagination: PaginationView;
}

/** Tag, author, archive-month and older-stories pages: a heading and a paginated list of cards. */
export function listingPageView(input: ListingInput): ListingPageView {
  const { lang, site } = input;
  const pagination = paginate(input.page, input.pages, input.urlOf);
  const title =
    input.page > 1
      ? translate(lang, 'listing.page_title', { title: input.heading, page: input.page })
      : input.heading;
  const cards = input.articles.map((a) =>
    toCard(a, input.media, { lang, timeZone: site.timeZone, sizes: SIZES.thumb }),
  );
  return {
    page: pageMeta({
      kind: input.kind ?? 'listing',
      lang,
      siteUrl: site.url,
      siteName: site.name,
      title,
      description: input.intro || site.description,
      canonical: input.urlOf(input.page),
      feeds: input.feeds ?? [],
      pagination,
    }),
    listing: { kicker: input.kicker, heading: title, intro: input.page > 1 ? '' : input.intro, cards },
    pagination,
  };
}

export interface HomeInput {
  lang: string;
  site: ListingSite;
  /** Newest first, in the home page's language; the first is the lead story. */
  latest: Article[];
  rails: Array<{ name: string; url: string; articles: Article[] }>;
  /** Recent articles in other languages than the home page's. */
  otherLanguages: Article[];
  media: Map<string, PublicMedia>;
  /** Pages of the latest-stories listing (page 2 onwards lives at /page/N). */
  pages: number;
  urlOf: (page: number) => string;
}

export interface HomePageView {
  page: PageMeta;
  lead: CardView | null;
  /** The next stories as headlines beside the lead. */
  latest: CardView[];
  /** The rest of the first page of the stream, as cards below. */
  more: CardView[];
  rails: Array<{ name: string; url: string; cards: CardView[] }>;
  otherLanguages: CardView[];
  moreUrl: string | null;
}

/** Headlines beside the lead story; the rest of the home page's stream comes as cards below. */
export const HEADLINES = 5;

export function homePageView(input: HomeInput): HomePageView {
  const { lang, site, media } = input;
  const card =
    (sizes: string, eager = false) =>
    (a: Article) =>
      toCard(a, media, { lang, timeZone: site.timeZone, sizes, eager });
  const [lead, ...rest] = input.latest;
  const latest = rest.slice(0, HEADLINES);
  const more = rest.slice(HEADLINES);
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
      pagination,
      jsonLd: websiteJsonLd({
        name: site.name,
        url: absoluteUrl(site.url, input.urlOf(1)),
        searchUrl: absoluteUrl(site.url, paths.search()),
        description: site.description,
      }),
    }),
    lead: lead ? card(SIZES.lead, true)(lead) : null,
    latest: latest.map(card(SIZES.thumb)),
    more: more.map(card(SIZES.thumb)),
    rails: input.rails
      .filter((r) => r.articles.length > 0)
      .map((r) => ({ name: r.name, url: r.url, cards: r.articles.map(card(SIZES.card)) })),
    otherLanguages: input.otherLanguages.map(card(SIZES.thumb)),
    moreUrl: pagination.next,
  };
}
