import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { MediaStorage } from '../../adapters/storage/index.ts';
import { isValidStorageKey } from '../../adapters/storage/index.ts';
import { idOfOriginalKey } from './media-keys.ts';
import type { MediaRecord } from './media.types.ts';
import { largestVariant } from './public-media.ts';

/** Every media key embeds its upload's id, so what a URL names never changes. */
const CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** What an original's URL answers follows a setting, so caches must not keep it for long: a
 * newsroom that stops serving originals wants them gone from caches within minutes. */
const ORIGINAL_CACHE_CONTROL = 'public, max-age=300';

export interface MediaFilesOptions {
  /**
   * Serve the cleaned originals at `/media/…/original.*` (SERVE_ORIGINAL_MEDIA). Off by default:
   * the full-size file is rarely needed by readers, and is the most a photo can give away (detail
   * that the variants' sizes blur). When off, the URL answers with the largest variant instead.
   */
  serveOriginals?: boolean;
  /** The media an original's key belongs to, undefined when there is none. */
  findMedia?: (id: string) => Promise<MediaRecord | undefined>;
}

/**
 * Serves `GET /media/<key>` (and HEAD) straight from storage. Unknown keys and keys that try to
 * leave the store get the application's 404; a conditional request with a matching entity tag
 * gets 304 without reading the file.
 */
export function mediaFilesRoute(storage: MediaStorage, options: MediaFilesOptions = {}): FastifyPluginAsync {
  /** The key whose bytes answer for `key`, and how long they may be cached; undefined for 404. */
  async function resolve(key: string): Promise<{ key: string; cacheControl: string } | undefined> {
    const id = idOfOriginalKey(key);
    if (id === undefined) return { key, cacheControl: CACHE_CONTROL };
    if (options.serveOriginals) return { key, cacheControl: ORIGINAL_CACHE_CONTROL };
    const record = await options.findMedia?.(id);
    if (!record || record.originalKey !== key) return undefined;
    return { key: largestVariant(record).key, cacheControl: ORIGINAL_CACHE_CONTROL };
  }

  return async (app) => {
    const serve = (withBody: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
      const requested = (request.params as Record<string, string | undefined>)['*'];
      if (!isValidStorageKey(requested)) return reply.callNotFound();
      const target = await resolve(requested);
      if (!target) return reply.callNotFound();
      const { key } = target;
      const info = await storage.stat(key);
      if (!info) return reply.callNotFound();

      reply
        .header('cache-control', target.cacheControl)
        .header('x-content-type-options', 'nosniff')
        // Media is never a document: nothing it contains may run or load anything.
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('etag', info.etag);
      if (etagMatches(request.headers['if-none-match'], info.etag)) return reply.code(304).send();
      if (!withBody) return reply.type(info.contentType).header('content-length', info.size).send();

      const object = await storage.get(key);
      if (!object) return reply.callNotFound(); // deleted between stat and read
      return reply.type(object.contentType).send(object.bytes);
    };

    app.route({ method: 'GET', url: '/media/*', exposeHeadRoute: false, handler: serve(true) });
    app.route({ method: 'HEAD', url: '/media/*', handler: serve(false) });
  };
}

/** If-None-Match uses weak comparison: W/"x" matches "x"; "*" matches anything that exists. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
