import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf } from '../../web/http-cache.ts';

/**
 * Rendered public responses (pages, feeds, sitemaps), kept in memory with their gzip and brotli
 * forms so a hot page costs no rendering and no compression. Each entry names what it shows
 * ("article:<id>", "listings", ...); a change invalidates exactly the entries that depend on it.
 */
export interface CachedResponse {
  /** The cache key it is stored under. */
  key: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  contentType: string;
  lastModified: string; // HTTP date
  cacheControl: string;
  deps: ReadonlySet<string>;
  storedAt: number;
}

/** What a producer hands the cache: the body and what it shows. */
export interface CacheInput {
  body: string | Buffer;
  contentType: string;
  deps: Iterable<string>;
  lastModified?: Date;
  cacheControl?: string;
}

export interface PageCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /**
   * A safety net only: changes here and in other processes (through the change feed) already
   * invalidate exactly what they affect.
   */
  ttlMs?: number;
  now?: () => number;
}

/** Dependency names, so producers and invalidators agree. */
export const deps = {
  article: (id: string) => `article:${id}`,
  /** Anything that lists articles: home, tag, author, archive pages, feeds, sitemaps. */
  listings: 'listings',
  /** Settings, navigation, theme: everything. */
  site: 'site',
};

/**
 * Brotli quality for cached responses. Quality 9 took about 9 ms on a 20 KB article page, mostly
 * allocating (and faulting in) its large match-finder tables for every stream, against 0.3 ms at
 * 6 for the same size within 0.5%: over half of an uncached article render. On a 50,000-URL
 * sitemap, 6 is 3x faster (0.19 s against 0.56 s) for 4.5% more bytes. See bench/site.bench.ts.
 */
const BROTLI_QUALITY = 6;

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';

export class PageCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  /** Counts invalidations, so a render that overlapped one is not stored (see getOrRender). */
  private generation = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    // Map order is insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, value: CacheInput): CachedResponse {
    const entry = this.build(key, value);
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += sizeOf(entry);
    this.evict();
    return entry;
  }

  /**
   * The entry for `key`, rendering it on a miss. A render during which anything was invalidated
   * may show what was true before the change: it is sent once but not kept, so the next request
   * renders the new state.
   */
  async getOrRender(key: string, render: () => Promise<CacheInput>): Promise<CachedResponse> {
    const hit = this.get(key);
    if (hit) return hit;
    const before = this.generation;
    const value = await render();
    return this.generation === before ? this.set(key, value) : this.build(key, value);
  }

  private build(key: string, value: CacheInput): CachedResponse {
    const body = Buffer.isBuffer(value.body) ? value.body : Buffer.from(value.body, 'utf8');
    return {
      key,
      body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      etag: etagOf(body),
      contentType: value.contentType,
      lastModified: (value.lastModified ?? new Date(this.now())).toUTCString(),
      cacheControl: value.cacheControl ?? PUBLIC_CACHE_CONTROL,
      deps: new Set([...value.deps, deps.site]),
      storedAt: this.now(),
    };
  }

  /**
   * Whether `entry` is still what the cache holds for its key (not invalidated, replaced, evicted
   * or expired). Counts as a use for eviction, like get().
   */
  isCurrent(entry: CachedResponse): boolean {
    return this.get(entry.key) === entry;
  }

  /** Drop every entry that depends on `dep`; returns how many went. */
  invalidate(dep: string): number {
    this.generation++;
    let n = 0;
    for (const [key, entry] of this.entries) {
      if (entry.deps.has(dep)) {
        this.delete(key);
        n++;
      }
    }
    return n;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }
}

function sizeOf(entry: CachedResponse): number {
  return entry.body.length + entry.gzip.length + entry.br.length;
}

/** Pick the best encoding the client accepts (q-values honoured; q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const score = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  if (score('br') > 0 && score('br') >= score('gzip')) return 'br';
  if (score('gzip') > 0) return 'gzip';
  return 'identity';
}

/** Whether a conditional request's validators match `entry`, so a 304 answers it. */
export function isFresh(
  entry: CachedResponse,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch) {
    return ifNoneMatch
      .split(',')
      .some((t) => t.trim().replace(/^W\//, '') === entry.etag || t.trim() === '*');
  }
  return ifModifiedSince !== undefined && Date.parse(entry.lastModified) <= Date.parse(ifModifiedSince);
}

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
  entry: CachedResponse,
): FastifyReply {
  reply.header('Content-Type', entry.contentType);
  reply.header('ETag', entry.etag);
  reply.header('Last-Modified', entry.lastModified);
  reply.header('Cache-Control', entry.cacheControl);
  reply.header('Vary', 'Accept-Encoding');
  const inm = request.headers['if-none-match'];
  if (isFresh(entry, inm, request.headers['if-modified-since'])) return reply.code(304).send();
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const payload = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.body;
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  reply.header('Content-Length', payload.length);
  sentEntries.set(reply, entry);
  return reply.send(payload);
}
