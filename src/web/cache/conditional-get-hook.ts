import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, isNotModified } from './conditional-get.ts';

/**
 * onSend hook for responses that did not come from the page cache: adds an ETag to successful
 * GET/HEAD responses that were not given one and answers a conditional request with 304.
 */
export async function conditionalGet(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  let etag = reply.getHeader('etag') as string | undefined;
  if (!etag) {
    etag = etagOf(payload);
    reply.header('ETag', etag);
  }
  const notModified = isNotModified(
    {
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
    },
    { etag, lastModified: reply.getHeader('last-modified') as string | undefined },
  );
  if (notModified) {
    reply.code(304);
    reply.removeHeader('content-length');
    return '';
  }
  return payload;
}
