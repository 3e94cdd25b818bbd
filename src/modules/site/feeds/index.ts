import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { SitePlugin } from '../index.ts';
import { deps, type PageCache } from '../page-cache.ts';
import { paths, type FeedFormat } from '../urls.ts';
import { ATOM_CONTENT_TYPE, buildAtom } from './build-atom.ts';
import { buildJsonFeed, JSON_FEED_CONTENT_TYPE } from './build-json-feed.ts';
import { buildRss, RSS_CONTENT_TYPE } from './build-rss.ts';
import { respondCached, watchArticleEvents } from './cached-render.ts';
import type { FeedChannel, FeedEntry } from './feed-entry.ts';
import { FEED_FORMATS, feedPath, loadFeed, type FeedScope } from './load-feed.ts';

export { watchArticleEvents, respondCached } from './cached-render.ts';
export { FEED_FORMATS, FEED_SIZE, feedPath, loadFeed, type FeedScope } from './load-feed.ts';
export { buildRss, buildAtom, buildJsonFeed };

const BUILDERS: Record<FeedFormat, { build(c: FeedChannel, e: FeedEntry[]): string; contentType: string }> = {
  rss: { build: buildRss, contentType: RSS_CONTENT_TYPE },
  atom: { build: buildAtom, contentType: ATOM_CONTENT_TYPE },
  json: { build: buildJsonFeed, contentType: JSON_FEED_CONTENT_TYPE },
};

export interface FeedRouteContext {
  services: Services;
  cache: PageCache;
}

/**
 * Full-text RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, every tag or section and every
 * author: `/feed.xml`, `/atom.xml`, `/feed.json`, and the same under `/tag/:slug/` and `/author/:slug/`.
 */
export function registerFeedRoutes(app: FastifyInstance, ctx: FeedRouteContext): void {
  watchArticleEvents(ctx.cache, ctx.services.events);
  type Request = FastifyRequest<{ Params: { slug?: string } }>;
  const serve = (format: FeedFormat, scopeOf: (slug: string) => FeedScope) => {
    return async (request: Request, reply: FastifyReply) => {
      const scope = scopeOf(request.params.slug ?? '');
      const key = feedPath(scope, format);
      // Public, uncredentialed text: browser-based readers and mirrors on other origins may fetch it.
      reply.header('Access-Control-Allow-Origin', '*');
      return respondCached(request, reply, { cache: ctx.cache }, key, async () => {
        const feed = await loadFeed(ctx.services, scope);
        return {
          body: BUILDERS[format].build(feed.channel, feed.entries),
          contentType: BUILDERS[format].contentType,
          deps: [deps.listings, ...feed.articleIds.map(deps.article)],
        };
      });
    };
  };
  for (const format of FEED_FORMATS) {
    app.get(
      paths.feed(format),
      serve(format, () => ({ kind: 'site' })),
    );
    app.get(
      paths.tagFeed(':slug', format),
      serve(format, (slug) => ({ kind: 'tag', slug })),
    );
    app.get(
      paths.authorFeed(':slug', format),
      serve(format, (slug) => ({ kind: 'author', slug })),
    );
  }
}

/** The same, as a plugin of the public site: `createSite(services, { plugins: [feedSitePlugin] })`. */
export const feedSitePlugin: SitePlugin = (app, site) =>
  registerFeedRoutes(app, { services: site.context.services, cache: site.cache });
