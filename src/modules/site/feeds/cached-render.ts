import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleEvents } from '../../articles/article-events.ts';
import { deps, PageCache, sendCached } from '../page-cache.ts';

const subscribed = new WeakMap<PageCache, WeakSet<ArticleEvents>>();

/**
 * Drop listings (and the changed article's entries) from `cache` on every article event. Feeds,
 * sitemaps and the site module may all ask; each cache subscribes to each event source once.
 */
export function watchArticleEvents(cache: PageCache, events: ArticleEvents): void {
  let sources = subscribed.get(cache);
  if (!sources) subscribed.set(cache, (sources = new WeakSet()));
  if (sources.has(events)) return;
  sources.add(events);
  events.on((event) => {
    cache.invalidate(deps.listings);
    cache.invalidate(deps.article(event.articleId));
  });
}

export interface Rendered {
  body: string;
  contentType: string;
  deps: Iterable<string>;
}

/**
 * Serve `key` from the cache, rendering it on a miss. A render during which anything was
 * invalidated may show the old state: it is sent once but not kept (PageCache.getOrRender).
 */
export async function respondCached(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { cache: PageCache },
  key: string,
  render: () => Promise<Rendered>,
): Promise<FastifyReply> {
  return sendCached(request, reply, await ctx.cache.getOrRender(key, render));
}
