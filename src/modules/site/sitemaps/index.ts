import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiteServices } from '../site-services.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { cacheTags, serveCached, type PageCache } from '../../../web/cache/index.ts';
import { paths } from '../urls.ts';
import { ROBOTS_CONTENT_TYPE } from './build-robots.ts';
import { MAX_SITEMAP_URLS, SITEMAP_CONTENT_TYPE } from './build-sitemap.ts';
import {
  renderChildSitemap,
  renderNewsSitemap,
  renderRobotsTxt,
  renderSitemapIndex,
  type SitemapSource,
} from './sitemap-documents.ts';
import { CHILD_SITEMAP_ROUTE, childSitemapPath, parseChildSitemap } from './sitemap-paths.ts';

export { childSitemapPath, parseChildSitemap } from './sitemap-paths.ts';
export { MAX_SITEMAP_URLS } from './build-sitemap.ts';
export { articleSitemapKeys, articlesBefore, type ArticleSitemapKey } from './sitemap-queries.ts';

export interface SitemapRouteContext {
  services: SiteServices;
  cache: PageCache;
  /** Languages other than the default with pages of their own: a pages sitemap each. */
  languages?: () => readonly string[];
}

export interface SitemapRouteOptions {
  /** URLs per child sitemap (default and maximum: 50,000). Tests use a tiny one. */
  pageSize?: number;
  now?: () => Date;
}

/**
 * /sitemap.xml (an index of /sitemaps/pages-N.xml and /sitemaps/articles-N.xml),
 * /sitemap-news.xml (Google News, last 48 hours) and /robots.txt.
 */
export function registerSitemapRoutes(
  app: FastifyInstance,
  ctx: SitemapRouteContext,
  options: SitemapRouteOptions = {},
): void {
  const { services, cache } = ctx;
  const pageSize = options.pageSize ?? MAX_SITEMAP_URLS;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_SITEMAP_URLS) {
    throw new RangeError(`sitemap pageSize must be an integer from 1 to ${MAX_SITEMAP_URLS}`);
  }
  const source = (): SitemapSource => ({
    db: services.db,
    siteUrl: services.config.SITE_URL,
    publicationName: services.settings.get().name,
    pageSize,
    now: options.now ?? (() => new Date()),
    languages: ctx.languages?.() ?? [],
  });
  const xml = (render: () => Promise<string>) => async () => ({
    body: await render(),
    contentType: SITEMAP_CONTENT_TYPE,
    tags: [cacheTags.listings],
  });
  const respond = (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<string>,
  ) => serveCached(request, reply, cache, key, xml(render));

  app.get(paths.sitemapIndex(), (request, reply) =>
    respond(request, reply, paths.sitemapIndex(), () => renderSitemapIndex(source())),
  );
  app.get(paths.newsSitemap(), (request, reply) =>
    respond(request, reply, paths.newsSitemap(), () => renderNewsSitemap(source())),
  );
  app.get<{ Params: { file: string } }>(CHILD_SITEMAP_ROUTE, async (request, reply) => {
    const child = parseChildSitemap(request.params.file);
    if (!child) throw new NotFoundError('sitemap', request.params.file.slice(0, 100));
    const key = childSitemapPath(child.kind, child.page, child.language);
    return respond(request, reply, key, () => renderChildSitemap(source(), child));
  });
  app.get(paths.robots(), (request, reply) =>
    serveCached(request, reply, cache, paths.robots(), async () => ({
      body: renderRobotsTxt(services.config.SITE_URL),
      contentType: ROBOTS_CONTENT_TYPE,
      tags: [],
    })),
  );
}
