import type { FastifyInstance } from 'fastify';
import { translate } from '../../../i18n/index.ts';
import type { Article } from '../../articles/index.ts';
import { assignHomeSlots, type FrontPageForReaders, type HomeSlots } from '../../frontpage/index.ts';
import { paths } from '../urls.ts';
import { htmlPage, languageAlternates, languageFor, listingTags, renderPage } from '../render-page.ts';
import { siteLanguages, type PageLanguage } from '../page-language.ts';
import { languagePrefix, pathsIn } from '../urls.ts';
import { cacheTags, serveCached } from '../../../web/cache/index.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { latestInOtherLanguages } from '../site-queries.ts';
import { homePageView } from '../views/home-view.ts';
import { pageCount } from '../views/pagination.ts';
import { listingSite, pageParam, parsePath } from './route-params.ts';
import { renderListing } from './listing-page.ts';

const RAIL_SIZE = 4;
const OTHER_LANGUAGES = 4;

/**
 * The home page: the editors' lead and featured stories (or the newest), the latest stream, a
 * rail per navigation section, and the breaking strip while it lasts. Every story is placed once
 * (assignHomeSlots), so each list is read deeper than it shows: enough candidates to fill it
 * after skipping every story placed above it.
 */
async function renderHome(ctx: SiteContext, language: PageLanguage) {
  const { lang } = language;
  const { articles, tags, db, frontPage } = ctx.services;
  const pins = await frontPage.forReaders();
  const pinned = (pins.lead ? 1 : 0) + pins.featured.length;
  // Page 1 of the stream is the newest PER_PAGE; pinned stories taken out of it are replaced.
  const stream = await articles.list({ language: lang, limit: PER_PAGE + pinned }, { readerVisible: true });
  const placedAbove = PER_PAGE + pinned;
  const sections = await tags.list({ sectionsOnly: true });
  // Rails read their candidates as ids: of the hundred-odd, only the few placed are read whole.
  const railCandidates: Array<Array<{ id: string }>> = [];
  let railsAbove = 0;
  for (const section of sections) {
    const ids = await articles.listIds(
      { tag: section.slug, language: lang, limit: Math.min(100, RAIL_SIZE + placedAbove + railsAbove) },
      { readerVisible: true },
    );
    railCandidates.push(ids.map((id) => ({ id })));
    railsAbove += RAIL_SIZE;
  }
  const otherCandidates = await latestInOtherLanguages(db, lang, OTHER_LANGUAGES + pinned);
  const placed = assignHomeSlots<{ id: string }>({
    lead: pins.lead,
    featured: pins.featured,
    latest: stream.items,
    rails: railCandidates,
    otherLanguages: otherCandidates,
    sizes: { latest: PER_PAGE - 1, rail: RAIL_SIZE, otherLanguages: OTHER_LANGUAGES },
  });
  const slots = await withRailArticles(placed, (ids) => articles.inOrder(ids));
  const rails = sections.map(language.tag).map((section, i) => ({
    name: section.name,
    url: language.paths.tag(section.slug),
    articles: slots.rails[i] ?? [],
  }));
  const lead = slots.lead ? [slots.lead] : [];
  const shown = [lead, slots.featured, slots.latest, ...slots.rails, slots.otherLanguages];
  const media = await loadMedia(ctx.services, shown.flatMap(heroIds));
  const named = (a: Article) => language.article(a);
  const view = homePageView({
    lang,
    site: listingSite(ctx, lang),
    lead: slots.lead ? named(slots.lead) : null,
    featured: slots.featured.map(named),
    latest: slots.latest.map(named),
    rails: rails.map((r) => ({ ...r, articles: r.articles.map(named) })),
    otherLanguages: slots.otherLanguages.map(named),
    breaking: breakingStrip(pins.breaking),
    media,
    pages: pageCount(stream.total, PER_PAGE),
    urlOf: language.paths.homePage,
    paths: language.paths,
    alternates: languageAlternates(ctx, (prefix) => pathsIn(prefix).home()),
  });
  // Tagged `frontpage` too: a change of pins drops it, and so does the strip's expiry job.
  return htmlPage(await renderPage(ctx, 'home', { ...view }, { language }), [
    cacheTags.frontpage,
    ...listingTags(...shown),
  ]);
}

/**
 * The placed slots with each rail's ids read whole (one read for all rails). Every other slot
 * was given whole articles (the casts say only that); a rail story gone since its id was read
 * is left out.
 */
async function withRailArticles(
  slots: HomeSlots<{ id: string }>,
  read: (ids: string[]) => Promise<Article[]>,
): Promise<HomeSlots<Article>> {
  const byId = new Map((await read(slots.rails.flat().map((a) => a.id))).map((a) => [a.id, a]));
  return {
    lead: slots.lead as Article | null,
    featured: slots.featured as Article[],
    latest: slots.latest as Article[],
    otherLanguages: slots.otherLanguages as Article[],
    rails: slots.rails.map((rail) => rail.flatMap((a) => byId.get(a.id) ?? [])),
  };
}

/** The strip links to its article while readers may see it, to its own address, or nowhere. */
function breakingStrip(breaking: FrontPageForReaders['breaking']) {
  if (!breaking) return null;
  const url = breaking.article ? paths.article(breaking.article.slug) : breaking.url;
  return { text: breaking.text, url };
}

/** Older stories: /page/2 onwards continues the home page's latest stream. */
function renderOlder(ctx: SiteContext, language: PageLanguage, page: number) {
  const { lang } = language;
  return renderListing(
    ctx,
    {
      filter: { language: lang },
      kicker: null,
      heading: translate(lang, 'home.latest'),
      intro: '',
      urlOf: language.paths.homePage,
    },
    page,
    language,
  );
}

/** A home page per language: `/` for the default language, `/ru/` and so on for the others. */
export function registerHomeRoutes(app: FastifyInstance, ctx: SiteContext): void {
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    const prefix = languagePrefix(lang, ctx.defaultLanguage);
    const urls = pathsIn(prefix);
    const language = () => languageFor(ctx, lang);
    app.get(urls.home(), (request, reply) =>
      serveCached(request, reply, ctx.cache, `page:${urls.home()}`, async () =>
        renderHome(ctx, await language()),
      ),
    );
    if (prefix) app.get(prefix, (_request, reply) => reply.redirect(urls.home(), 301));
    app.get(`${prefix}/page/:page`, async (request, reply) => {
      const { page } = parsePath({ page: pageParam }, request.params);
      if (page === 1) return reply.redirect(urls.homePage(1), 301);
      return serveCached(request, reply, ctx.cache, `page:${urls.homePage(page)}`, async () =>
        renderOlder(ctx, await language(), page),
      );
    });
  }
}
