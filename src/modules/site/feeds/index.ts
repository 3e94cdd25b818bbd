import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiteServices } from '../site-services.ts';
import { cacheTags, serveCached, type PageCache } from '../../../web/cache/index.ts';
import { parsePath, slugParam } from '../routes/route-params.ts';
import { FEED_CSP } from '../security-headers.ts';
import { languagePrefix, pathsIn, type FeedFormat } from '../urls.ts';
import { ATOM_CONTENT_TYPE, buildAtom } from './build-atom.ts';
import { buildJsonFeed, JSON_FEED_CONTENT_TYPE } from './build-json-feed.ts';
import { buildRss, RSS_CONTENT_TYPE } from './build-rss.ts';
import type { FeedChannel, FeedEntry } from './feed-entry.ts';
import { FEED_FORMATS, feedPath, loadFeed, type FeedScope } from './load-feed.ts';

export { FEED_FORMATS, FEED_SIZE, feedPath, loadFeed, type FeedScope } from './load-feed.ts';
export { buildRss, buildAtom, buildJsonFeed };
export { registerFeedStylesheetRoute } from './feed-stylesheet-route.ts';
export { FEED_STYLESHEET_PATH, FEED_STYLESHEET_CONTENT_TYPE } from './feed-stylesheet.ts';

const BUILDERS: Record<FeedFormat, { build(c: FeedChannel, e: FeedEntry[]): string; contentType: string }> = {
  rss: { build: buildRss, contentType: RSS_CONTENT_TYPE },
  atom: { build: buildAtom, contentType: ATOM_CONTENT_TYPE },
  json: { build: buildJsonFeed, contentType: JSON_FEED_CONTENT_TYPE },
};

export interface FeedRouteContext {
  services: SiteServices;
  cache: PageCache;
  /** Languages with pages of their own, the default first: each other one gets /xx/feed.xml. */
  languages?: readonly string[];
}

/**
 * Full-text RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, every tag or section and every
 * author: `/feed.xml`, `/atom.xml`, `/feed.json`, and the same under `/tag/:slug/` and `/author/:slug/`.
 */
export function registerFeedRoutes(app: FastifyInstance, ctx: FeedRouteContext): void {
  const serve = (format: FeedFormat, scopeOf: (params: unknown) => FeedScope) => {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const scope = scopeOf(request.params);
      const key = feedPath(scope, format);
      // Public, uncredentialed text: browser-based readers and mirrors on other origins may fetch it.
      reply.header('Access-Control-Allow-Origin', '*');
      // A browser renders RSS and Atom through /feed.xsl into a page, which lives under this policy.
      if (format !== 'json') reply.header('Content-Security-Policy', FEED_CSP);
      return serveCached(request, reply, ctx.cache, key, async () => {
        const feed = await loadFeed(ctx.services, scope);
        return {
          body: BUILDERS[format].build(feed.channel, feed.entries),
          contentType: BUILDERS[format].contentType,
          tags: [cacheTags.listings, ...feed.articleIds.map(cacheTags.article)],
        };
      });
    };
  };
  const defaultLanguage = ctx.services.config.DEFAULT_LANGUAGE;
  for (const lang of ctx.languages ?? [defaultLanguage]) {
    const prefix = languagePrefix(lang, defaultLanguage);
    const paths = pathsIn(prefix);
    const language = prefix ? { language: lang } : {};
    for (const format of FEED_FORMATS) {
      app.get(
        paths.feed(format),
        serve(format, () => ({ kind: 'site', ...language })),
      );
      app.get(
        paths.tagFeed(':slug', format),
        serve(format, (params) => ({
          kind: 'tag',
          slug: parsePath({ slug: slugParam }, params, { slug: 'tag' }).slug,
          ...language,
        })),
      );
      app.get(
        paths.authorFeed(':slug', format),
        serve(format, (params) => ({
          kind: 'author',
          slug: parsePath({ slug: slugParam }, params, { slug: 'author' }).slug,
          ...language,
        })),
      );
    }
  }
}
