import { htmlPage, listingTags, renderPage } from '../render-page.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { listingPageView } from '../views/listing-view.ts';
import { pageCount } from '../views/pagination.ts';
import type { AlternateView, FeedLinkView } from '../views/view-types.ts';
import type { PageLanguage } from '../page-language.ts';
import { assertPageExists, listingSite } from './route-params.ts';

/** What differs between listing pages (a tag, a byline, older stories); the rest is one listing. */
export interface ListingSubject {
  filter: { tag: string } | { author: string } | { language: string };
  kicker: string | null;
  heading: string;
  intro: string;
  urlOf: (page: number) => string;
  feeds?: FeedLinkView[];
  currentSection?: string | null;
  /** The same listing in the site's other languages. */
  alternates?: AlternateView[];
}

/** A page of published articles, newest first, through the theme's listing template. */
export async function renderListing(
  ctx: SiteContext,
  subject: ListingSubject,
  page: number,
  language: PageLanguage,
) {
  const { lang } = language;
  const result = await ctx.services.articles.list(
    { ...subject.filter, limit: PER_PAGE, page },
    { readerVisible: true },
  );
  const pages = pageCount(result.total, PER_PAGE);
  assertPageExists(page, pages);
  const view = listingPageView({
    lang,
    site: listingSite(ctx, lang),
    kicker: subject.kicker,
    heading: subject.heading,
    intro: subject.intro,
    articles: result.items.map(language.article),
    media: await loadMedia(ctx.services, heroIds(result.items)),
    page,
    pages,
    urlOf: subject.urlOf,
    paths: language.paths,
    ...(subject.feeds ? { feeds: subject.feeds } : {}),
    ...(subject.alternates ? { alternates: subject.alternates } : {}),
  });
  const html = await renderPage(
    ctx,
    'listing',
    { ...view },
    {
      language,
      ...(subject.currentSection !== undefined ? { currentSection: subject.currentSection } : {}),
    },
  );
  return htmlPage(html, listingTags(result.items));
}
