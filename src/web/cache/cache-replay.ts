import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { chooseEncoding, type ContentEncoding } from './content-encoding.ts';
import { isNotModified } from './conditional-get.ts';
import type { CachedResponse } from './page-cache.ts';

// A cached public page costs Fastify's routing, hooks and reply machinery on every request:
// about two thirds of the time of a hit. The replay answers a request for a URL the site has
// already served from the cache with the very headers it sent then, before Fastify sees it.
// It is only ever a shortcut: anything it does not know (another method, a query string, an
// entry invalidated since) goes through Fastify, which renders, answers and records anew.

type Encoding = ContentEncoding;

interface Recorded {
  /**
   * Weak: the page cache owns the bytes and counts them. An entry it evicts must not live on here,
   * uncounted, for a URL nobody asks for again.
   */
  entry: WeakRef<CachedResponse>;
  /** Everything Fastify sent but the per-encoding and per-connection headers. */
  base: OutgoingHttpHeaders;
  /**
   * The full headers per encoding, made when that encoding is first replayed: the entry
   * compresses itself only when a reader asks for that form.
   */
  headers: Partial<Record<Encoding, OutgoingHttpHeaders>>;
  notModified: OutgoingHttpHeaders;
}

/** Headers that depend on the encoding chosen or the connection, never replayed as recorded. */
const NOT_REPLAYED = new Set([
  'content-length',
  'content-encoding',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/** Headers a 304 leaves out, as Node and Fastify do for one sent through the router. */
const NOT_ON_304 = new Set(['content-type']);

const MAX_URL_LENGTH = 2048;

export class CacheReplay {
  private readonly byUrl = new Map<string, Recorded>();
  private readonly encodings = new Map<string, Encoding>();
  private enabled = true;
  /**
   * A URL's record goes when its page leaves the page cache and is collected: the records (three
   * sets of headers each) never outlive the pages the cache's byte budget keeps.
   */
  private readonly forget = new FinalizationRegistry<string>((url) => {
    const recorded = this.byUrl.get(url);
    if (recorded && !recorded.entry.deref()) this.byUrl.delete(url);
  });

  constructor(
    /** Whether an entry is still what the site would send (PageCache.isCurrent). */
    private readonly isCurrent: (entry: CachedResponse) => boolean,
    /** Distinct URLs remembered; the oldest recorded goes first. */
    private readonly maxUrls = 20_000,
  ) {}

  get size(): number {
    return this.byUrl.size;
  }

  /** Stop answering (the server is closing: its 503 in the documented shape takes over). */
  disable(): void {
    this.enabled = false;
    this.byUrl.clear();
  }

  /**
   * Remember what was sent for `url`: a full 200 GET answer from `entry`, with the final headers.
   * URLs with a query string are not kept, so made-up parameters cannot fill memory.
   */
  record(
    url: string,
    entry: CachedResponse,
    sent: Record<string, string | number | string[] | undefined>,
  ): void {
    if (!this.enabled || url.includes('?') || url.length > MAX_URL_LENGTH) return;
    // Only what anyone may be sent: never a response that sets a cookie or is private to one reader.
    if (
      sent['set-cookie'] !== undefined ||
      /\b(private|no-store)\b/i.test(String(sent['cache-control'] ?? ''))
    ) {
      return;
    }
    const base: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(sent)) {
      if (value !== undefined && !NOT_REPLAYED.has(name.toLowerCase())) base[name] = value;
    }
    const notModified: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(base)) {
      if (!NOT_ON_304.has(name.toLowerCase())) notModified[name] = value;
    }
    this.byUrl.delete(url);
    this.byUrl.set(url, {
      entry: new WeakRef(entry),
      base,
      headers: {},
      notModified,
    });
    this.forget.register(entry, url);
    if (this.byUrl.size > this.maxUrls) {
      const oldest = this.byUrl.keys().next().value;
      if (oldest !== undefined) this.byUrl.delete(oldest);
    }
  }

  /** Answer from a recorded response if there is a current one; false leaves it to Fastify. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.enabled) return false;
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url;
    if (url === undefined) return false;
    const recorded = this.byUrl.get(url);
    if (!recorded) return false;
    const entry = recorded.entry.deref();
    if (!entry || !this.isCurrent(entry)) {
      this.byUrl.delete(url);
      return false;
    }
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const conditional = ifNoneMatch !== undefined || ifModifiedSince !== undefined;
    if (conditional && isNotModified({ ifNoneMatch, ifModifiedSince }, entry)) {
      res.writeHead(304, recorded.notModified);
      res.end();
      return true;
    }
    const encoding = this.encodingFor(req.headers['accept-encoding']);
    const payload = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.body;
    let headers = recorded.headers[encoding];
    if (!headers) {
      headers =
        encoding === 'identity'
          ? { ...recorded.base, 'content-length': payload.length }
          : { ...recorded.base, 'content-encoding': encoding, 'content-length': payload.length };
      recorded.headers[encoding] = headers;
    }
    res.writeHead(200, headers);
    if (method === 'HEAD') res.end();
    else res.end(payload);
    return true;
  }

  /** chooseEncoding, remembered per header value: browsers send a handful of distinct ones. */
  private encodingFor(acceptEncoding: string | undefined): Encoding {
    if (acceptEncoding === undefined) return 'identity';
    let encoding = this.encodings.get(acceptEncoding);
    if (encoding === undefined) {
      encoding = chooseEncoding(acceptEncoding);
      if (this.encodings.size >= 64) this.encodings.clear();
      this.encodings.set(acceptEncoding, encoding);
    }
    return encoding;
  }
}
