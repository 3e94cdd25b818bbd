import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiteServices } from './site-services.ts';
import {
  sentFromCache,
  type CachedResponse,
  type CacheReplay,
  type PageCache,
} from '../../web/cache/index.ts';
import { createErrorRenderer } from './error-pages.ts';
import { createFeatureSwitch } from './feature-routes.ts';
import { registerFeedRoutes, registerFeedStylesheetRoute } from './feeds/index.ts';
import { registerArchiveRoutes } from './routes/archive-routes.ts';
import { registerNewsletterArchiveRoutes } from './routes/newsletter-archive-routes.ts';
import type { NewsletterArchive } from './newsletter-archive.ts';
import { registerArticleRoutes, renderArticle } from './routes/article-routes.ts';
import { registerAssetRoutes } from './routes/asset-routes.ts';
import { registerHomeRoutes } from './routes/home-routes.ts';
import { registerSearchRoutes } from './routes/search-routes.ts';
import { registerSupportRoutes } from './routes/support-routes.ts';
import { registerMirrorsRoutes } from './routes/mirrors-routes.ts';
import { registerNewsletterRoutes } from './routes/newsletter-routes.ts';
import { registerTaxonomyRoutes } from './routes/taxonomy-routes.ts';
import { applyPageSecurityHeaders, pageSecurityHeaders, PAGE_CSP } from './security-headers.ts';
import type { Article } from '../articles/index.ts';
import type { RelatedArticleIds, SiteContext } from './site-context.ts';
import { siteLanguages } from './page-language.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { registerSitemapRoutes, type SitemapRouteOptions } from './sitemaps/index.ts';
import { createThemeEngine, themeRoots } from './theme/theme-engine.ts';
import { HTML } from './site-context.ts';
import { pageMeta } from './views/page-meta.ts';
import { renderPage } from './render-page.ts';

export type { RelatedArticleIds, SiteContext } from './site-context.ts';
export type { SiteServices } from './site-services.ts';
export type { SitemapRouteOptions } from './sitemaps/index.ts';
export {
  articleSitemapKeys,
  articlesBefore,
  MAX_SITEMAP_URLS,
  parseChildSitemap,
  type ArticleSitemapKey,
} from './sitemaps/index.ts';
export type { NewsletterArchive, ArchivedIssue, ArchivedIssueSummary } from './newsletter-archive.ts';
export { newsletterArchivePaths } from './newsletter-archive.ts';
export { useNativePartials } from './theme/theme-engine.ts';

export interface SiteOptions {
  /** The relatedness engine for Read more; empty slots take the latest of the same section. */
  relatedArticleIds: RelatedArticleIds;
  /**
   * The cache pages, feeds and sitemaps share with the Content API, so one invalidation (from
   * article, taxonomy, media and settings changes, here and in other processes) covers them all.
   */
  cache: PageCache;
  sitemaps?: SitemapRouteOptions;
  /** The newsletter web archive's issues; without it, /newsletter/archive/ does not answer. */
  newsletterArchive?: NewsletterArchive;
  /**
   * Rendered for a copy that answers GET alone (the static mirror): the features whose forms post
   * (the newsletter signup, the appeal) are not shown, as there is nothing to post to.
   */
  readOnly?: boolean;
}

export interface Site {
  /** With `replay`, pages sent from the cache are recorded for the server to answer directly. */
  register(app: FastifyInstance, options?: { replay?: CacheReplay }): Promise<void>;
  renderError(status: number, request: FastifyRequest, reply: FastifyReply): Promise<string | undefined>;
  cache: PageCache;
  context: SiteContext;
  /** Whether `entry` is still what the site would send for its key (for the cache replay). */
  isCurrent(entry: CachedResponse): boolean;
  /**
   * Send `article` as its public page would look, whatever its status: never cached, never
   * indexed. The admin app may show it in a frame of its own (same origin only).
   */
  sendArticlePreview(article: Article, reply: FastifyReply): Promise<void>;
  /**
   * A page another module serves (reader revenue's checkout, thank-you and donor pages) in the
   * theme, with the site's chrome: never cached, never indexed.
   */
  renderModulePage(input: ModulePage): Promise<string>;
}

export interface ModulePage {
  lang: string;
  template: string;
  title: string;
  /** Site-relative path of the page, for its canonical-less meta. */
  scope: Record<string, unknown>;
}

/** The public site: pages, feeds and sitemaps rendered through the theme and cached in memory. */
export async function createSite(services: SiteServices, options: SiteOptions): Promise<Site> {
  const { config } = services;
  const { cache } = options;
  const theme = createThemeEngine({
    roots: themeRoots(config.THEME_DIR),
    settings: () => services.settings.get(),
  });
  const context: SiteContext = {
    services,
    theme,
    cache,
    relatedArticleIds: options.relatedArticleIds,
    siteUrl: config.SITE_URL.replace(/\/+$/, ''),
    get timeZone() {
      return services.settings.get().time_zone;
    },
    defaultLanguage: config.DEFAULT_LANGUAGE,
    languages: () => siteLanguages(config.DEFAULT_LANGUAGE, services.settings.get().languages),
    features: createFeatureSwitch(() => services.settings.get(), { readOnly: options.readOnly === true }),
  };

  return {
    cache,
    context,
    renderError: createErrorRenderer(context),
    isCurrent: (entry) => cache.isCurrent(entry),
    async sendArticlePreview(article, reply) {
      // Rendered here and sent as it is: serveCached (which would store it) is not involved.
      const page = await renderArticle(context, article);
      reply.headers({
        ...pageSecurityHeaders(context.siteUrl),
        'Content-Security-Policy': PAGE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
        'X-Frame-Options': 'SAMEORIGIN',
        'X-Robots-Tag': 'noindex, nofollow',
        'Cache-Control': 'no-store',
        'Content-Type': HTML,
      });
      await reply.status(200).send(page.body);
    },
    async renderModulePage(input) {
      const settings = services.settings.get();
      const page = pageMeta({
        kind: 'support',
        lang: input.lang,
        siteUrl: context.siteUrl,
        siteName: settings.name,
        title: input.title,
        description: input.title,
        canonical: null,
        robots: 'noindex, nofollow',
      });
      return renderPage(context, input.template, { ...input.scope, page });
    },
    async register(app, { replay } = {}) {
      // The whole server's routes, whichever module registers them (the router is shared).
      context.features.attach(app);
      await app.register(async (scope) => {
        if (replay) {
          // Public pages only: nothing here depends on who asks. Headers are final by now.
          scope.addHook('onResponse', (request, reply, done) => {
            const entry = sentFromCache(reply);
            if (entry && request.method === 'GET' && reply.statusCode === 200) {
              replay.record(request.raw.url ?? '', entry, reply.getHeaders());
            }
            done();
          });
        }
        scope.addHook('onSend', async (_request, reply, payload) => {
          const type = String(reply.getHeader('content-type') ?? '');
          if (type.startsWith('text/html')) applyPageSecurityHeaders(reply, context.siteUrl);
          else reply.header('Cross-Origin-Resource-Policy', 'same-origin');
          return payload;
        });
        // Every catalogue language's routes are registered; those the `languages` setting has
        // switched off answer 404 (checked per request, so a change needs no restart).
        scope.addHook('onRequest', async (request) => {
          const lang = switchedOffLanguage(context, request.url);
          if (lang) throw new NotFoundError('language', lang);
        });
        registerHomeRoutes(scope, context);
        registerArticleRoutes(scope, context);
        registerTaxonomyRoutes(scope, context);
        registerArchiveRoutes(scope, context);
        registerSearchRoutes(scope, context);
        registerSupportRoutes(scope, context);
        registerMirrorsRoutes(scope, context);
        if (options.newsletterArchive)
          registerNewsletterArchiveRoutes(scope, context, options.newsletterArchive);
        registerNewsletterRoutes(scope, context);
        registerAssetRoutes(scope, context);
        registerFeedRoutes(scope, { services, cache, languages: siteLanguages(context.defaultLanguage) });
        registerFeedStylesheetRoute(scope, { cache, stylesheetUrl: () => theme.assets.urlOf('site.css') });
        registerSitemapRoutes(
          scope,
          { services, cache, languages: () => context.languages().slice(1) },
          options.sitemaps,
        );
      });
    },
  };
}
export { paths } from './urls.ts';
export {
  createRenderedParts,
  enqueueStaleParts,
  renderedPartsJobs,
  renderPartsFollowUp,
  type RenderedParts,
} from './rendered-parts/index.ts';

/** The catalogue language an address is under (/ru/...) when the site has no pages in it now. */
function switchedOffLanguage(ctx: SiteContext, url: string): string | undefined {
  const first = (url.split('?')[0] ?? '').split('/')[1] ?? '';
  if (first === '' || first === ctx.defaultLanguage) return undefined;
  const all = siteLanguages(ctx.defaultLanguage);
  return all.includes(first) && !ctx.languages().includes(first) ? first : undefined;
}
export { applyPageSecurityHeaders } from './security-headers.ts';
