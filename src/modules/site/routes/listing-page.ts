import type { Author } from '../../authors/index.ts';
import { latestAside } from '../latest-aside.ts';
import { htmlPage, listingTags, renderPage } from '../render-page.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { authorProfileView } from '../views/author-profile.ts';
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
  /** A section's own page: its address in the page's language (cards leave out that kicker). */
  sectionUrl?: string;
  /** An author page: the portrait, role and contact shown under the name. */
  author?: Author;
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
    { readerVisible: true, oneOfEachTranslation: lang },
  );
  const pages = pageCount(result.total, PER_PAGE);
  assertPageExists(page, pages);
  const portraitId = subject.author?.portraitMediaId;
  const [media, aside] = await Promise.all([
    loadMedia(ctx.services, [...heroIds(result.items), ...(portraitId ? [portraitId] : [])]),
    latestAside(ctx, language, result.items),
  ]);
  const view = listingPageView({
    lang,
    site: listingSite(ctx, lang),
    kicker: subject.kicker,
    heading: subject.heading,
    intro: subject.intro,
    articles: result.items.map(language.article),
    media,
    page,
    pages,
    urlOf: subject.urlOf,
    paths: language.paths,
    ...(subject.feeds ? { feeds: subject.feeds } : {}),
    ...(subject.sectionUrl ? { sectionUrl: subject.sectionUrl } : {}),
    ...(subject.alternates ? { alternates: subject.alternates } : {}),
  });
  const profile = subject.author ? authorProfileView(subject.author, media) : null;
  const html = await renderPage(
    ctx,
    'listing',
    { ...view, profile, aside: aside.view },
    {
      language,
      ...(subject.currentSection !== undefined ? { currentSection: subject.currentSection } : {}),
    },
  );
  return htmlPage(html, listingTags(result.items, aside.articles));
}
