import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { translate } from '../../../i18n/index.ts';
import type { SitePaths } from '../urls.ts';
import { SIZES, toCard } from './cards.ts';
import { pageMeta } from './page-meta.ts';
import { paginate } from './pagination.ts';
import type { AlternateView, CardView, FeedLinkView, PageMeta, PaginationView } from './view-types.ts';

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
  /** A section's own page: its cards do not repeat the section's name above every title. */
  sectionUrl?: string;
  paths?: SitePaths;
  /** The same listing in the site's other languages (hreflang). */
  alternates?: AlternateView[];
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
  const cards = input.articles.map((a) => {
    const card = toCard(a, input.media, {
      lang,
      timeZone: site.timeZone,
      sizes: SIZES.row,
      ...(input.paths ? { paths: input.paths } : {}),
    });
    return card.section && card.section.url === input.sectionUrl ? { ...card, section: null } : card;
  });
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
      alternates: input.page > 1 ? [] : (input.alternates ?? []),
      pagination,
    }),
    listing: { kicker: input.kicker, heading: title, intro: input.page > 1 ? '' : input.intro, cards },
    pagination,
  };
}
