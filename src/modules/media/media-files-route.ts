import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { MediaStorage } from '../../adapters/storage/index.ts';
import { isValidStorageKey } from '../../adapters/storage/index.ts';

/** Every media key embeds its upload's id, so what a URL names never changes. */
const CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Serves `GET /media/<key>` (and HEAD) straight from storage. Unknown keys and keys that try to
 * leave the store get the application's 404; a conditional request with a matching entity tag
 * gets 304 without reading the file.
 */
export function mediaFilesRoute(storage: MediaStorage): FastifyPluginAsync {
  return async (app) => {
    const serve = (withBody: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
      const key = (request.params as Record<string, string | undefined>)['*'];
      if (!isValidStorageKey(key)) return reply.callNotFound();
      const info = await storage.stat(key);
      if (!info) return reply.callNotFound();

      reply
        .header('cache-control', CACHE_CONTROL)
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
