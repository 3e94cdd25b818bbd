import type { IncomingMessage } from 'node:http';
import { etagOf } from './conditional-get.ts';
import { brotliOf, gzipOf, type CachedResponse } from './page-cache.ts';

// A cached response as an alternate origin shows it (see src/web/origins). The page cache keeps
// SITE_URL's bytes under the usual key; the variant for a listed origin is derived from them the
// first time that origin asks, kept beside the entry (it lives and dies with it: a WeakMap) and
// never recorded by the cache replay. A request for any other Host gets the entry itself.

export type OriginRewrite = { origin: string; rewrite: (body: string) => string };

const rewriteOf = new WeakMap<IncomingMessage, OriginRewrite>();
const variants = new WeakMap<CachedResponse, Map<string, CachedResponse>>();

/** Mark a request as arriving for a listed alternate origin (server.ts does, per request). */
export function setOriginRewrite(req: IncomingMessage, rewrite: OriginRewrite): void {
  rewriteOf.set(req, rewrite);
}

/** Whether `req` came for a listed alternate origin. */
export function forAlternateOrigin(req: IncomingMessage): boolean {
  return rewriteOf.has(req);
}

const TEXT = /^(text\/|application\/([\w.+-]*\+)?(xml|json))/;

/** What `req` should be sent for `entry`: the entry itself unless it came for an alternate origin. */
export function variantFor(req: IncomingMessage, entry: CachedResponse): CachedResponse {
  const target = rewriteOf.get(req);
  if (!target || !TEXT.test(entry.contentType)) return entry;
  let byOrigin = variants.get(entry);
  const known = byOrigin?.get(target.origin);
  if (known) return known;
  const text = entry.body.toString('utf8');
  const rewritten = target.rewrite(text);
  const variant = rewritten === text ? entry : build(entry, Buffer.from(rewritten, 'utf8'));
  if (!byOrigin) variants.set(entry, (byOrigin = new Map()));
  byOrigin.set(target.origin, variant);
  return variant;
}

function build(entry: CachedResponse, body: Buffer): CachedResponse {
  return {
    key: entry.key,
    body,
    gzip: gzipOf(body),
    br: brotliOf(body),
    etag: etagOf(body),
    contentType: entry.contentType,
    lastModified: entry.lastModified,
    cacheControl: entry.cacheControl,
    tags: entry.tags,
    storedAt: entry.storedAt,
  };
}
