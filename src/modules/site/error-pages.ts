import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Article } from '../articles/article.types.ts';
import { renderPage } from './render-page.ts';
import { errorLanguage } from './routes/article-routes.ts';
import type { SiteContext } from './site-context.ts';
import { applyPageSecurityHeaders } from './security-headers.ts';
import { heroIds, loadMedia } from './site-media.ts';
import { errorPageView } from './views/error-view.ts';

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
    const lang = errorLanguage.get(request) ?? ctx.defaultLanguage;
    let suggestions: Article[] = [];
    // A server error may be the database itself: do not lean on it to explain the failure.
    if (status < 500) {
      const latest = await ctx.services.articles
        .list({ language: lang, limit: SUGGESTIONS }, { status: 'published' })
        .catch(() => undefined);
      suggestions = latest?.items ?? [];
    }
    try {
      const settings = ctx.services.settings.get();
      const view = errorPageView({
        status,
        lang,
        site: { url: ctx.siteUrl, name: settings.name, timeZone: ctx.timeZone },
        suggestions,
        media: await loadMedia(ctx.services, heroIds(suggestions)),
      });
      return await renderPage(ctx, 'error', { ...view });
    } catch (err) {
      request.log.error({ err }, 'error page failed to render');
      return undefined;
    }
  };
}
