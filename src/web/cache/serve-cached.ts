import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding } from './content-encoding.ts';
import { isNotModified } from './conditional-get.ts';
import type { CacheInput, CachedResponse, PageCache } from './page-cache.ts';
import { forAlternateOrigin, variantFor } from './origin-variant.ts';

// The Fastify side of the page cache. Everything public that is rendered (pages, feeds,
// sitemaps, the Content API) goes through serveCached; the cache itself knows nothing of HTTP
// frameworks.

/** The entry a reply sent in full (200) from the cache, for the cache replay to record. */
const sentEntries = new WeakMap<FastifyReply, CachedResponse>();

export function sentFromCache(reply: FastifyReply): CachedResponse | undefined {
  return sentEntries.get(reply);
}

/**
 * Send a cached response: picks the encoding, answers conditional requests with 304, and sets
 * the caching headers a CDN needs. Compression is already done, so @fastify/compress is skipped.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedResponse,
): FastifyReply {
  // An alternate origin's links (origin-variant.ts); the entry itself for everyone else.
  const entry = variantFor(request.raw, cached);
  reply.header('Content-Type', entry.contentType);
  reply.header('ETag', entry.etag);
  reply.header('Last-Modified', entry.lastModified);
  reply.header('Cache-Control', entry.cacheControl);
  reply.header('Vary', 'Accept-Encoding');
  const validators = {
    ifNoneMatch: request.headers['if-none-match'],
    ifModifiedSince: request.headers['if-modified-since'],
  };
  if (isNotModified(validators, entry)) return reply.code(304).send();
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const payload = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.body;
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  reply.header('Content-Length', payload.length);
  // Only SITE_URL's own bytes are replayed (the replay knows URLs, not origins).
  if (!forAlternateOrigin(request.raw)) sentEntries.set(reply, entry);
  return reply.send(payload);
}

/**
 * Serve `key` from the cache, rendering it on a miss: the one way a public response is cached.
 * `key` must name everything that makes the answer differ, and nothing else. A render during
 * which anything was invalidated may show the old state: it is sent once but not kept
 * (PageCache.getOrRender).
 */
export async function serveCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  key: string,
  render: () => Promise<CacheInput>,
): Promise<FastifyReply> {
  return sendCached(request, reply, await cache.getOrRender(key, render));
}
