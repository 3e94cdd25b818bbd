import type { FastifyInstance } from 'fastify';
import { MAX_QUERY_CHARS, MAX_SEARCH_OFFSET, searchArticles } from '../../search/index.ts';
import { HTML, type SiteContext } from '../site-context.ts';
import { languageFor, renderPage } from '../render-page.ts';
import { siteLanguages } from '../page-language.ts';
import { languagePrefix, pathsIn } from '../urls.ts';
import { heroIds, loadMedia } from '../site-media.ts';
import { publishedByIds, publishedLanguages } from '../site-queries.ts';
import { latestAside } from '../latest-aside.ts';
import { onePerTranslation } from '../views/one-per-translation.ts';
import { searchPageView } from '../views/search-view.ts';
import { pageCount } from '../views/pagination.ts';
import { pageQuery, queryText } from './route-params.ts';

const RESULTS_PER_PAGE = 10;
// Search result pages are personal and endless: browsers and CDNs may keep them briefly.
const SEARCH_CACHE_CONTROL = 'public, max-age=60, s-maxage=60';

/** Whatever a reader typed, made harmless: NULs and lone surrogates out, length capped. */
export function cleanQuery(raw: string): string {
  const clean = raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return Array.from(clean).slice(0, MAX_QUERY_CHARS).join('').trim();
}

export function registerSearchRoutes(app: FastifyInstance, ctx: SiteContext): void {
  for (const pagesIn of siteLanguages(ctx.defaultLanguage)) registerSearchIn(app, ctx, pagesIn);
}

function registerSearchIn(app: FastifyInstance, ctx: SiteContext, pagesIn: string): void {
  const urls = pathsIn(languagePrefix(pagesIn, ctx.defaultLanguage));
  app.get(urls.search(), async (request, reply) => {
    const q = cleanQuery(queryText(request.query, 'q'));
    const languages = await publishedLanguages(ctx.services.db);
    const requested = queryText(request.query, 'lang');
    const language = languages.includes(requested) ? requested : null;
    // The interface speaks the language of the address (/ru/search); on the default language's
    // page, the language the reader filtered by, else the publication's own.
    const lang = pagesIn !== ctx.defaultLanguage ? pagesIn : (language ?? ctx.defaultLanguage);
    const pageLanguage = await languageFor(ctx, lang);
    const maxPage = Math.floor(MAX_SEARCH_OFFSET / RESULTS_PER_PAGE) + 1;
    const page = Math.min(pageQuery((request.query as Record<string, unknown>).page), maxPage);
    const result = q
      ? await searchArticles(ctx.services.db, {
          q,
          language: language ?? undefined,
          limit: RESULTS_PER_PAGE,
          offset: (page - 1) * RESULTS_PER_PAGE,
        })
      : { total: 0, hits: [] };
    // A story and its translation may both match: the reader sees it once, in the page's language.
    const articles = onePerTranslation(
      await publishedByIds(
        ctx.services,
        result.hits.map((h) => h.id),
      ),
      lang,
    ).map(pageLanguage.article);
    const aside = await latestAside(ctx, pageLanguage, articles);
    const settings = ctx.services.settings.get();
    const view = searchPageView({
      lang,
      site: { url: ctx.siteUrl, name: settings.name, timeZone: ctx.timeZone },
      q,
      language,
      languages,
      total: result.total,
      articles,
      media: await loadMedia(ctx.services, heroIds(articles)),
      page,
      pages: Math.min(pageCount(result.total, RESULTS_PER_PAGE), maxPage),
      paths: urls,
    });
    const html = await renderPage(ctx, 'search', { ...view, aside: aside.view }, { language: pageLanguage });
    return reply.type(HTML).header('Cache-Control', SEARCH_CACHE_CONTROL).send(html);
  });
}
