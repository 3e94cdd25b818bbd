import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../container.ts';
import { invalidateOnArticleEvents, settingsWatcher } from './cache-invalidation.ts';
import { createErrorRenderer } from './error-pages.ts';
import { PageCache, sentFromCache, type CachedResponse } from './page-cache.ts';
import type { CacheReplay } from '../../web/cache-replay.ts';
import { registerArchiveRoutes } from './routes/archive-routes.ts';
import { registerArticleRoutes } from './routes/article-routes.ts';
import { registerAssetRoutes } from './routes/asset-routes.ts';
import { registerHomeRoutes } from './routes/home-routes.ts';
import { registerSearchRoutes } from './routes/search-routes.ts';
import { registerTaxonomyRoutes } from './routes/taxonomy-routes.ts';
import { applyPageSecurityHeaders } from './security-headers.ts';
import { noRelatedEngine, type RelatedArticleIds, type SiteContext } from './site-context.ts';
import { createThemeEngine, themeRoots } from './theme/theme-engine.ts';

export type { RelatedArticleIds, SiteContext } from './site-context.ts';
export { PageCache, deps } from './page-cache.ts';

/** Routes that other site work adds (feeds, sitemaps), registered inside the site's scope. */
export type SitePlugin = (
  app: FastifyInstance,
  site: { cache: PageCache; context: SiteContext },
) => void | Promise<void>;

export interface SiteOptions {
  /** The relatedness engine for Read more; by default the latest of the same section and language. */
  relatedArticleIds?: RelatedArticleIds;
  /** Share one cache with feeds and sitemaps so one invalidation covers them all. */
  cache?: PageCache;
  plugins?: SitePlugin[];
}

export interface Site {
  /** With `replay`, pages sent from the cache are recorded for the server to answer directly. */
  register(app: FastifyInstance, options?: { replay?: CacheReplay }): Promise<void>;
  renderError(status: number, request: FastifyRequest, reply: FastifyReply): Promise<string | undefined>;
  cache: PageCache;
  context: SiteContext;
  /** Whether `entry` is still what the site would send for its key (for the cache replay). */
  isCurrent(entry: CachedResponse): boolean;
}

/** The public site: pages rendered through the theme, cached in memory, invalidated by events. */
export async function createSite(services: Services, options: SiteOptions = {}): Promise<Site> {
  const { config } = services;
  const cache = options.cache ?? new PageCache();
  const theme = createThemeEngine({
    roots: themeRoots(config.THEME_DIR),
    settings: () => services.settings.get(),
  });
  const context: SiteContext = {
    services,
    theme,
    cache,
    relatedArticleIds: options.relatedArticleIds ?? noRelatedEngine,
    siteUrl: config.SITE_URL.replace(/\/+$/, ''),
    timeZone: config.TIMEZONE,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  };
  invalidateOnArticleEvents(services, cache);
  const syncSettings = settingsWatcher(services, cache);

  return {
    cache,
    context,
    renderError: createErrorRenderer(context),
    isCurrent(entry) {
      syncSettings();
      return cache.isCurrent(entry);
    },
    async register(app, { replay } = {}) {
      await app.register(async (scope) => {
        scope.addHook('onRequest', async () => syncSettings());
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
        registerHomeRoutes(scope, context);
        registerArticleRoutes(scope, context);
        registerTaxonomyRoutes(scope, context);
        registerArchiveRoutes(scope, context);
        registerSearchRoutes(scope, context);
        registerAssetRoutes(scope, context);
        for (const plugin of options.plugins ?? []) await plugin(scope, { cache, context });
      });
    },
  };
}
