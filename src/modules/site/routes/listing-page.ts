import { htmlPage, listingTags, renderPage } from '../render-page.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { listingPageView } from '../views/listing-view.ts';
import { pageCount } from '../views/pagination.ts';
import type { FeedLinkView } from '../views/view-types.ts';
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
}

/** A page of published articles, newest first, through the theme's listing template. */
export async function renderListing(ctx: SiteContext, subject: ListingSubject, page: number) {
  const lang = ctx.defaultLanguage;
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
    articles: result.items,
    media: await loadMedia(ctx.services, heroIds(result.items)),
    page,
    pages,
    urlOf: subject.urlOf,
    ...(subject.feeds ? { feeds: subject.feeds } : {}),
  });
  const html = await renderPage(
    ctx,
    'listing',
    { ...view },
    subject.currentSection !== undefined ? { currentSection: subject.currentSection } : undefined,
  );
  return htmlPage(html, listingTags(result.items));
}
