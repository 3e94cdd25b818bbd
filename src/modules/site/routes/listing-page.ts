import type { Author } from '../../authors/index.ts';
import { latestAside } from '../latest-aside.ts';
import { htmlPage, listingTags, renderPage } from '../render-page.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { paths } from '../urls.ts';
import { authorProfileView } from '../views/author-profile.ts';
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
  /** An author page: the portrait, role and contact shown under the name. */
  author?: Author;
}

/** A page of published articles, newest first, through the theme's listing template. */
export async function renderListing(ctx: SiteContext, subject: ListingSubject, page: number) {
  const lang = ctx.defaultLanguage;
  const result = await ctx.services.articles.list(
    { ...subject.filter, limit: PER_PAGE, page },
    { readerVisible: true, oneOfEachTranslation: lang },
  );
  const pages = pageCount(result.total, PER_PAGE);
  assertPageExists(page, pages);
  const portraitId = subject.author?.portraitMediaId;
  const [media, aside] = await Promise.all([
    loadMedia(ctx.services, [...heroIds(result.items), ...(portraitId ? [portraitId] : [])]),
    latestAside(ctx, lang, result.items),
  ]);
  const view = listingPageView({
    lang,
    site: listingSite(ctx, lang),
    kicker: subject.kicker,
    heading: subject.heading,
    intro: subject.intro,
    articles: result.items,
    media,
    page,
    pages,
    urlOf: subject.urlOf,
    ...(subject.feeds ? { feeds: subject.feeds } : {}),
    ...(subject.currentSection ? { sectionUrl: paths.tag(subject.currentSection) } : {}),
  });
  const profile = subject.author ? authorProfileView(subject.author, media) : null;
  const html = await renderPage(
    ctx,
    'listing',
    { ...view, profile, aside: aside.view },
    subject.currentSection !== undefined ? { currentSection: subject.currentSection } : undefined,
  );
  return htmlPage(html, listingTags(result.items, aside.articles));
}
