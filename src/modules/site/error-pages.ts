import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../articles/index.ts';
import { htmlPage, languageFor, listingTags, renderPage } from './render-page.ts';
import { errorLanguage } from './routes/article-routes.ts';
import type { SiteContext } from './site-context.ts';
import { applyPageSecurityHeaders } from './security-headers.ts';
import { heroIds, loadMedia } from './site-media.ts';
import { errorPageView } from './views/error-view.ts';
import { pageLanguage } from './page-language.ts';

const NO_NAMES = { tags: new Map(), authors: new Map() };
import { languagePrefix } from './urls.ts';

/** The language whose pages an address is under (/ru/...), if any but the default's. */
function languageOfPath(ctx: SiteContext, url: string): string | undefined {
  const path = url.split('?')[0] ?? '';
  return ctx.languages().find((lang) => {
    const prefix = languagePrefix(lang, ctx.defaultLanguage);
    return prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`));
  });
}

const SUGGESTIONS = 5;

/**
 * The HTML page for an error status outside /api: what happened, in the page's language, and
 * a way on (search, latest stories). Returns undefined when even that fails, so the server
 * falls back to its plain JSON error rather than failing twice.
 */
export function createErrorRenderer(ctx: SiteContext) {
  return async function renderError(
    status: number,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string | undefined> {
    applyPageSecurityHeaders(reply, ctx.siteUrl);
    const lang = errorLanguage.get(request) ?? languageOfPath(ctx, request.url) ?? ctx.defaultLanguage;
    try {
      // A server error may be the database itself: do not lean on it to explain the failure.
      if (status >= 500) return await render(status, lang, []);
      // Anyone can ask for pages that do not exist, as fast as they like: the page with its
      // latest stories is kept like a listing, so a 404 costs no query until a story changes.
      const entry = await ctx.cache.getOrRender(`error:${status}:${lang}`, async () => {
        const latest = await ctx.services.articles
          .list({ language: lang, limit: SUGGESTIONS }, { readerVisible: true })
          .catch(() => undefined);
        const suggestions = latest?.items ?? [];
        // Without its suggestions (the database failed) the page is sent once, not kept.
        return {
          ...htmlPage(await render(status, lang, suggestions), listingTags(suggestions)),
          store: !!latest,
        };
      });
      return entry.body.toString('utf8');
    } catch (err) {
      request.log.error({ err }, 'error page failed to render');
      return undefined;
    }
  };

  async function render(status: number, lang: string, suggestions: Article[]): Promise<string> {
    const settings = ctx.services.settings.get();
    // A server error may be the database: its page does without translated names.
    const language =
      status >= 500 ? pageLanguage(lang, ctx.defaultLanguage, NO_NAMES) : await languageFor(ctx, lang);
    const view = errorPageView({
      status,
      lang,
      site: { url: ctx.siteUrl, name: settings.name, timeZone: ctx.timeZone },
      suggestions: suggestions.map(language.article),
      media: await loadMedia(ctx.services, heroIds(suggestions)),
      paths: language.paths,
    });
    return renderPage(ctx, 'error', { ...view }, { language });
  }
}
