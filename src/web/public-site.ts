import type { Services } from '../container.ts';
import { createSite, type Site } from '../modules/site/index.ts';
import { registerFeedRoutes } from '../modules/site/feeds/index.ts';
import { registerSitemapRoutes } from '../modules/site/sitemaps/index.ts';

/**
 * The public site as `serve` runs it: pages, feeds and sitemaps sharing the container's page
 * cache (so taxonomy, settings and media edits clear all of them), and Read more from the
 * relatedness engine.
 */
export async function createPublicSite(services: Services): Promise<Site> {
  return createSite(services, {
    cache: services.pageCache,
    relatedArticleIds: services.relatedArticleIds,
    plugins: [
      (app, { cache }) => registerFeedRoutes(app, { services, cache }),
      (app, { cache }) => registerSitemapRoutes(app, { services, cache }),
    ],
  });
}
