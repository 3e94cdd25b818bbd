import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { cacheTags } from './cache-tags.ts';
import { etagOf } from './conditional-get.ts';

/**
 * Rendered public responses (pages, feeds, sitemaps), kept in memory with their gzip and brotli
 * forms so a hot page costs no rendering and no compression. Each entry names what it shows
 * ("article:<id>", "listings", ...); a change invalidates exactly the entries that depend on it.
 */
export interface CachedResponse {
  /** The cache key it is stored under. */
  key: string;
  body: Buffer;
  /** Compressed on first use: an uncached render for a reader asking for brotli does no gzip. */
  readonly gzip: Buffer;
  readonly br: Buffer;
  etag: string;
  contentType: string;
  lastModified: string; // HTTP date
  cacheControl: string;
  /** What it shows; see cache-tags.ts. */
  tags: ReadonlySet<string>;
  storedAt: number;
}

/** What a producer hands the cache: the body and what it shows. */
export interface CacheInput {
  body: string | Buffer;
  contentType: string;
  tags: Iterable<string>;
  lastModified?: Date;
  cacheControl?: string;
  /**
   * false: send this answer once and keep nothing. For answers anyone can vary without end that
   * show nothing worth keeping (a filter naming a tag that does not exist).
   */
  store?: boolean;
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
  /**
   * false: keep no gzip or brotli forms (they are empty), for a reader that only ever asks for
   * identity (the mirror export). Default true.
   */
  compress?: boolean;
}

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
  private readonly compress: boolean;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.compress = options.compress ?? true;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * How many times entries were dropped for a change (invalidate, clear): data read from the
   * database before this moved may be stale, like the pages (see site/until-change.ts).
   */
  get changes(): number {
    return this.generation;
  }

  /** The bytes the entries hold (buffers, key, headers), as counted against `maxBytes`. */
  get byteSize(): number {
    return this.bytes;
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
    const keep = value.store !== false && this.generation === before;
    return keep ? this.set(key, value) : this.build(key, value);
  }

  private build(key: string, value: CacheInput): CachedResponse {
    const body = ownBytes(Buffer.isBuffer(value.body) ? value.body : Buffer.from(value.body, 'utf8'));
    return new Entry(
      {
        key,
        body,
        etag: etagOf(body),
        contentType: value.contentType,
        lastModified: (value.lastModified ?? new Date(this.now())).toUTCString(),
        cacheControl: value.cacheControl ?? PUBLIC_CACHE_CONTROL,
        tags: new Set([...value.tags, cacheTags.site]),
        storedAt: this.now(),
      },
      this.compress,
      (entry, bytes) => {
        // Compressed after it was stored: count it, and keep within the budget.
        if (this.entries.get(entry.key) !== entry) return;
        this.bytes += bytes;
        this.evict();
      },
    );
  }

  /**
   * Whether `entry` is still what the cache holds for its key (not invalidated, replaced, evicted
   * or expired). Counts as a use for eviction, like get().
   */
  isCurrent(entry: CachedResponse): boolean {
    return this.get(entry.key) === entry;
  }

  /** Drop every entry tagged `tag`; returns how many went. */
  invalidate(tag: string): number {
    this.generation++;
    let n = 0;
    for (const [key, entry] of this.entries) {
      if (entry.tags.has(tag)) {
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

type EntryFields = Omit<CachedResponse, 'gzip' | 'br'>;

/**
 * A cached response whose gzip and brotli forms are made when first asked for. They are own,
 * enumerable accessors, so a copy (`{ ...entry, cacheControl }`) still carries both forms.
 */
class Entry implements CachedResponse {
  readonly key: string;
  readonly body: Buffer;
  declare readonly gzip: Buffer;
  declare readonly br: Buffer;
  readonly etag: string;
  readonly contentType: string;
  readonly lastModified: string;
  readonly cacheControl: string;
  readonly tags: ReadonlySet<string>;
  readonly storedAt: number;
  /** The compressed forms made so far, in bytes of backing store. */
  compressedBytes = 0;

  constructor(fields: EntryFields, compress: boolean, grew: (entry: Entry, bytes: number) => void) {
    this.key = fields.key;
    this.body = fields.body;
    this.etag = fields.etag;
    this.contentType = fields.contentType;
    this.lastModified = fields.lastModified;
    this.cacheControl = fields.cacheControl;
    this.tags = fields.tags;
    this.storedAt = fields.storedAt;
    const lazily = (make: (body: Buffer) => Buffer) => {
      let made: Buffer | undefined;
      return {
        enumerable: true,
        get: (): Buffer => {
          if (made === undefined) {
            made = compress ? make(this.body) : EMPTY;
            this.compressedBytes += made.buffer.byteLength;
            grew(this, made.buffer.byteLength);
          }
          return made;
        },
      };
    };
    Object.defineProperties(this, { gzip: lazily(gzipOf), br: lazily(brotliOf) });
  }
}

const EMPTY = Buffer.alloc(0);

export function gzipOf(body: Buffer): Buffer {
  return ownBytes(gzipSync(body, { level: 9 }));
}

export function brotliOf(body: Buffer): Buffer {
  return ownBytes(
    brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  );
}

/**
 * A copy that owns exactly its bytes. zlib's sync calls return views of larger allocations (16 KiB
 * for a 200-byte answer), and small Buffer.from copies are slices of a shared 8 KiB pool: either
 * way an entry kept for minutes would pin memory it does not count. allocUnsafeSlow never pools.
 */
function ownBytes(buffer: Buffer): Buffer {
  if (buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
}

/** Roughly what the object, its strings and its tag set cost besides the buffers. */
const ENTRY_OVERHEAD = 400;

/** What an entry keeps alive: each buffer's whole backing store, the key and headers. */
function sizeOf(entry: CachedResponse): number {
  let strings = entry.key.length + entry.etag.length + entry.contentType.length + entry.cacheControl.length;
  for (const tag of entry.tags) strings += tag.length + 16;
  const compressed = entry instanceof Entry ? entry.compressedBytes : 0;
  return entry.body.buffer.byteLength + compressed + strings * 2 + ENTRY_OVERHEAD;
}
