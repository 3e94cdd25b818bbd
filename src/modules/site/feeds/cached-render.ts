import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleEvents } from '../../articles/article-events.ts';
import { deps, PageCache, sendCached } from '../page-cache.ts';

/** Counts article changes seen, so a render that overlapped a change is not cached as current. */
export interface ChangeWatcher {
  readonly changes: number;
}

const watchers = new WeakMap<PageCache, WeakMap<ArticleEvents, ChangeWatcher>>();

/**
 * Drop listings (and the changed article's entries) from `cache` on every article event. Feeds,
 * sitemaps and the site module may all ask; each cache subscribes to each event source once.
 */
export function watchArticleEvents(cache: PageCache, events: ArticleEvents): ChangeWatcher {
  let byEvents = watchers.get(cache);
  if (!byEvents) watchers.set(cache, (byEvents = new WeakMap()));
  const existing = byEvents.get(events);
  if (existing) return existing;
  const watcher = { changes: 0 };
  byEvents.set(events, watcher);
  events.on((event) => {
    watcher.changes++;
    cache.invalidate(deps.listings);
    cache.invalidate(deps.article(event.articleId));
  });
  return watcher;
}

export interface Rendered {
  body: string;
  contentType: string;
  deps: Iterable<string>;
}

/**
 * Serve `key` from the cache, rendering it on a miss. A render during which an article changed
 * may show the old state: it is sent once but not kept.
 */
export async function respondCached(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { cache: PageCache; watcher: ChangeWatcher },
  key: string,
  render: () => Promise<Rendered>,
): Promise<FastifyReply> {
  const hit = ctx.cache.get(key);
  if (hit) return sendCached(request, reply, hit);
  const before = ctx.watcher.changes;
  const rendered = await render();
  const target = ctx.watcher.changes === before ? ctx.cache : new PageCache({ maxEntries: 1 });
  return sendCached(request, reply, target.set(key, rendered));
}
