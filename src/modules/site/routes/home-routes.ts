import type { FastifyInstance } from 'fastify';
import { translate } from '../../../i18n/index.ts';
import { paths } from '../urls.ts';
import { htmlPage, listingTags, renderPage } from '../render-page.ts';
import { serveCached } from '../../../web/cache/index.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { latestInOtherLanguages } from '../site-queries.ts';
import { homePageView } from '../views/listing-view.ts';
import { pageCount } from '../views/pagination.ts';
import { listingSite, pageParam, parsePath } from './route-params.ts';
import { renderListing } from './listing-page.ts';

const RAIL_SIZE = 4;
const OTHER_LANGUAGES = 4;

/** The home page: the lead story, the latest stream, a rail per navigation section. */
async function renderHome(ctx: SiteContext) {
  const lang = ctx.defaultLanguage;
  const { articles, tags, db } = ctx.services;
  const latest = await articles.list({ language: lang, limit: PER_PAGE }, { readerVisible: true });
  const leadId = latest.items[0]?.id;
  const sections = await tags.list({ sectionsOnly: true });
  const rails = [];
  for (const section of sections) {
    const page = await articles.list(
      { tag: section.slug, language: lang, limit: RAIL_SIZE + 1 },
      { readerVisible: true },
      { count: false },
    );
    rails.push({
      name: section.name,
      url: paths.tag(section.slug),
      articles: page.items.filter((a) => a.id !== leadId).slice(0, RAIL_SIZE),
    });
  }
  const otherLanguages = await latestInOtherLanguages(db, lang, OTHER_LANGUAGES);
  const shown = [latest.items, ...rails.map((r) => r.articles), otherLanguages];
  const media = await loadMedia(ctx.services, shown.flatMap(heroIds));
  const view = homePageView({
    lang,
    site: listingSite(ctx, lang),
    latest: latest.items,
    rails,
    otherLanguages,
    media,
    pages: pageCount(latest.total, PER_PAGE),
    urlOf: paths.homePage,
  });
  return htmlPage(await renderPage(ctx, 'home', { ...view }), listingTags(...shown));
}

/** Older stories: /page/2 onwards continues the home page's latest stream. */
function renderOlder(ctx: SiteContext, page: number) {
  const lang = ctx.defaultLanguage;
  return renderListing(
    ctx,
    {
      filter: { language: lang },
      kicker: null,
      heading: translate(lang, 'home.latest'),
      intro: '',
      urlOf: paths.homePage,
    },
    page,
  );
}

export function registerHomeRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/', (request, reply) => serveCached(request, reply, ctx.cache, 'page:/', () => renderHome(ctx)));
  app.get('/page/:page', async (request, reply) => {
    const { page } = parsePath({ page: pageParam }, request.params);
    if (page === 1) return reply.redirect(paths.homePage(1), 301);
    return serveCached(request, reply, ctx.cache, `page:${paths.homePage(page)}`, () =>
      renderOlder(ctx, page),
    );
  });
}
