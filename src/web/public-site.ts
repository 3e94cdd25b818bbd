import type { Services } from '../container.ts';
import { newsletterArchive } from './newsletter-archive-source.ts';
import { createSite, type Site, type SitemapRouteOptions } from '../modules/site/index.ts';

/**
 * The public site as `serve` runs it, and as every test of it does: pages, feeds and sitemaps
 * sharing the container's page cache (so article, taxonomy, settings and media changes clear all
 * of them), and Read more from the relatedness engine.
 */
export async function createPublicSite(
  services: Services,
  options: { sitemaps?: SitemapRouteOptions } = {},
): Promise<Site> {
  return createSite(services, {
    cache: services.pageCache,
    relatedArticleIds: services.relatedArticleIds,
    newsletterArchive: newsletterArchive(services),
    ...(options.sitemaps ? { sitemaps: options.sitemaps } : {}),
  });
}
