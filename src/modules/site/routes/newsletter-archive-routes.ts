import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.ts';
import { cacheTags, serveCached } from '../../../web/cache/index.ts';
import { newsletterArchivePaths, type NewsletterArchive } from '../newsletter-archive.ts';
import { siteLanguages } from '../page-language.ts';
import { htmlPage, languageFor, renderPage } from '../render-page.ts';
import type { SiteContext } from '../site-context.ts';
import { languagePrefix } from '../urls.ts';
import { newsletterArchiveIndexView, newsletterIssueView } from '../views/newsletter-archive-view.ts';
import { pageCount } from '../views/pagination.ts';
import { assertPageExists, listingSite, pageQuery, parsePath } from './route-params.ts';

// The newsletter's web archive: every issue that went out, and each one as a page (the emails'
// "view in browser" link). Cached under the `newsletters` tag, which a send clears.

const ISSUES_PER_PAGE = 30;
const issueKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/);

export function registerNewsletterArchiveRoutes(
  app: FastifyInstance,
  ctx: SiteContext,
  archive: NewsletterArchive,
): void {
  for (const lang of siteLanguages(ctx.defaultLanguage)) {
    const prefix = languagePrefix(lang, ctx.defaultLanguage);
    const index = newsletterArchivePaths.index(prefix);
    const indexRoute = async (
      request: import('fastify').FastifyRequest,
      reply: import('fastify').FastifyReply,
    ) => {
      const page = pageQuery((request.query as Record<string, unknown>).page);
      return serveCached(request, reply, ctx.cache, `page:${index}?page=${page}`, async () => {
        const language = await languageFor(ctx, lang);
        const { items, total } = await archive.sent(ISSUES_PER_PAGE, (page - 1) * ISSUES_PER_PAGE);
        const pages = Math.max(1, pageCount(total, ISSUES_PER_PAGE));
        assertPageExists(page, pages);
        const view = newsletterArchiveIndexView({
          lang,
          prefix,
          site: listingSite(ctx, lang),
          timeZone: ctx.timeZone,
          items,
          page,
          pages,
        });
        return htmlPage(await renderPage(ctx, 'newsletter-archive', view, { language }), [
          cacheTags.newsletters,
        ]);
      });
    };
    app.get(index, indexRoute);
    app.get(index.replace(/\/$/, ''), (_request, reply) => reply.redirect(index, 301));
    // Not cached: a redirect is cheap, and it must move the moment an issue goes out.
    app.get(newsletterArchivePaths.latest(prefix), async (_request, reply) => {
      const { items } = await archive.sent(1, 0);
      reply.header('Cache-Control', 'no-cache');
      return reply.redirect(items[0] ? newsletterArchivePaths.issue(items[0].slug, prefix) : index, 302);
    });
    app.get(`${index}:key`, async (request, reply) => {
      const { key } = parsePath({ key: issueKey }, request.params);
      const issue = await archive.issue(key);
      if (!issue) throw new NotFoundError('newsletter issue', key);
      const canonical = newsletterArchivePaths.issue(issue.slug, prefix);
      if (canonical !== newsletterArchivePaths.issue(key, prefix)) return reply.redirect(canonical, 301);
      return serveCached(request, reply, ctx.cache, `page:${canonical}`, async () => {
        const language = await languageFor(ctx, lang);
        const view = newsletterIssueView({
          lang,
          prefix,
          site: listingSite(ctx, lang),
          timeZone: ctx.timeZone,
          issue,
        });
        return htmlPage(await renderPage(ctx, 'newsletter-issue', view, { language }), [
          cacheTags.newsletters,
          ...issue.articles.map((a) => cacheTags.article(a.id)),
        ]);
      });
    });
  }
}
