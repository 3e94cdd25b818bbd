import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../domain/errors.ts';
import { formatMonth } from '../../../i18n/index.ts';
import { paths } from '../urls.ts';
import { htmlPage, listingTags, renderPage } from '../render-page.ts';
import { serveCached } from '../../../web/cache/index.ts';
import { latestAside } from '../latest-aside.ts';
import { PER_PAGE, type SiteContext } from '../site-context.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { publishedInMonth, publishedMonths } from '../site-queries.ts';
import { archiveIndexView } from '../views/archive-view.ts';
import { listingPageView } from '../views/listing-view.ts';
import { pageCount } from '../views/pagination.ts';
import {
  assertPageExists,
  listingSite,
  monthParam,
  pageQuery,
  parsePath,
  yearParam,
} from './route-params.ts';

// The date archive, on the newsroom's calendar: an article published at 00:30 on 1 December in
// the publication's time zone is in December, whatever the UTC date says.

async function renderIndex(ctx: SiteContext, year: number | null) {
  const lang = ctx.defaultLanguage;
  const months = await publishedMonths(ctx.services.db, ctx.timeZone);
  if (year !== null && !months.some((m) => m.year === year)) throw new NotFoundError('year', String(year));
  const view = archiveIndexView({ lang, site: listingSite(ctx, lang), months, year });
  const aside = await latestAside(ctx, lang, []);
  return htmlPage(
    await renderPage(ctx, 'archive', { ...view, aside: aside.view }),
    listingTags(aside.articles),
  );
}

async function renderMonth(ctx: SiteContext, year: number, month: number, page: number) {
  const lang = ctx.defaultLanguage;
  const result = await publishedInMonth(
    ctx.services.db,
    { year, month, timeZone: ctx.timeZone, language: lang },
    { limit: PER_PAGE, offset: (page - 1) * PER_PAGE },
  );
  if (result.total === 0) throw new NotFoundError('archive', `${year}-${month}`);
  const pages = pageCount(result.total, PER_PAGE);
  assertPageExists(page, pages);
  const base = paths.archive(year, month);
  const view = listingPageView({
    kind: 'archive',
    lang,
    site: listingSite(ctx, lang),
    kicker: null,
    heading: formatMonth(year, month, lang),
    intro: '',
    articles: result.items,
    media: await loadMedia(ctx.services, heroIds(result.items)),
    page,
    pages,
    urlOf: (n) => (n <= 1 ? base : `${base}?page=${n}`),
  });
  const aside = await latestAside(ctx, lang, result.items);
  return htmlPage(
    await renderPage(ctx, 'listing', { ...view, aside: aside.view }),
    listingTags(result.items, aside.articles),
  );
}

export function registerArchiveRoutes(app: FastifyInstance, ctx: SiteContext): void {
  app.get('/archive', (request, reply) =>
    serveCached(request, reply, ctx.cache, `page:${paths.archive()}`, () => renderIndex(ctx, null)),
  );
  app.get('/archive/:year', async (request, reply) => {
    const { year } = parsePath({ year: yearParam }, request.params);
    return serveCached(request, reply, ctx.cache, `page:${paths.archive(year)}`, () =>
      renderIndex(ctx, year),
    );
  });
  app.get('/archive/:year/:month', async (request, reply) => {
    const { year, month } = parsePath({ year: yearParam, month: monthParam }, request.params);
    const page = pageQuery((request.query as Record<string, unknown>).page);
    const key = `page:${paths.archive(year, month)}?page=${page}`;
    return serveCached(request, reply, ctx.cache, key, () => renderMonth(ctx, year, month, page));
  });
}
