import type { FastifyInstance } from 'fastify';
import { serveCached, type PageCache } from '../../../web/cache/index.ts';
import {
  buildFeedStylesheet,
  FEED_STYLESHEET_CONTENT_TYPE,
  FEED_STYLESHEET_PATH,
} from './feed-stylesheet.ts';

/**
 * `/feed.xsl`, named by every RSS and Atom feed. Its one changing part is the theme stylesheet's
 * fingerprinted URL, so it is cached like the pages are: every entry carries the site tag, which
 * a settings or theme change clears.
 */
export function registerFeedStylesheetRoute(
  app: FastifyInstance,
  ctx: { cache: PageCache; stylesheetUrl(): string },
): void {
  app.get(FEED_STYLESHEET_PATH, async (request, reply) =>
    serveCached(request, reply, ctx.cache, 'feed-stylesheet', async () => ({
      body: buildFeedStylesheet(ctx.stylesheetUrl()),
      contentType: FEED_STYLESHEET_CONTENT_TYPE,
      tags: [],
    })),
  );
}
