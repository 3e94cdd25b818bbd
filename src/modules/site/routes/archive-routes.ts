import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../domain/errors.ts';
import { formatMonth } from '../../../i18n/index.ts';
import { languagePrefix, pathsIn } from '../urls.ts';
import { htmlPage, languageFor, listingTags, renderPage } from '../render-page.ts';
import { siteLanguages, type PageLanguage } from '../page-language.ts';
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

async function renderIndex(ctx: SiteContext, language: PageLanguage, year: number | null) {
  const { lang, paths } = language;
  const months = await publishedMonths(ctx.services.db, ctx.timeZone);
  if (year !== null && !months.some((m) => m.year === year)) throw new NotFoundError('year', String(year));
  const view = archiveIndexView({ lang, site: listingSite(ctx, lang), months, year, paths });
  const aside = await latestAside(ctx, language, []);
  return htmlPage(
    await renderPage(ctx, 'archive', { ...view, aside: aside.view }, { language }),
    listingTags(aside.articles),
  );
}

async function renderMonth(
  ctx: SiteContext,
  language: PageLanguage,
  year: number,
  month: number,
  page: number,
) {
  const { lang, paths } = language;
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
    articles: result.items.map(language.article),
    media: await loadMedia(ctx.services, heroIds(result.items)),
    page,
    pages,
    urlOf: (n) => (n <= 1 ? base : `${base}?page=${n}`),
    paths,
  });
  const aside = await latestAside(ctx, language, result.items);
  return htmlPage(
    await renderPage(ctx, 'listing', { ...view, aside: aside.view }, { language }),
    listingTags(result.items, aside.articles),
  );
}

export function registerArchiveRoutes(app: FastifyInstance, ctx: SiteContext): void {
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    const paths = pathsIn(languagePrefix(lang, ctx.defaultLanguage));
    const language = () => languageFor(ctx, lang);
    app.get(paths.archive(), (request, reply) =>
      serveCached(request, reply, ctx.cache, `page:${paths.archive()}`, async () =>
        renderIndex(ctx, await language(), null),
      ),
    );
    app.get(`${paths.archive()}/:year`, async (request, reply) => {
      const { year } = parsePath({ year: yearParam }, request.params);
      return serveCached(request, reply, ctx.cache, `page:${paths.archive(year)}`, async () =>
        renderIndex(ctx, await language(), year),
      );
    });
    app.get(`${paths.archive()}/:year/:month`, async (request, reply) => {
      const { year, month } = parsePath({ year: yearParam, month: monthParam }, request.params);
      const page = pageQuery((request.query as Record<string, unknown>).page);
      const key = `page:${paths.archive(year, month)}?page=${page}`;
      return serveCached(request, reply, ctx.cache, key, async () =>
        renderMonth(ctx, await language(), year, month, page),
      );
    });
  }
}
