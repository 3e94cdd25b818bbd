import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong ETag from the bytes of a response. */
export function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha1').update(payload).digest('base64url')}"`;
}

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * onSend hook: adds an ETag to successful GET/HEAD responses that were not given one and answers
 * a matching If-None-Match (or an If-Modified-Since no older than Last-Modified) with 304.
 */
export async function conditionalGet(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  let etag = reply.getHeader('etag') as string | undefined;
  if (!etag) {
    etag = etagOf(payload);
    reply.header('ETag', etag);
  }
  const ifNoneMatch = request.headers['if-none-match'];
  let notModified = ifNoneMatch ? matches(ifNoneMatch, etag) : false;
  const lastModified = reply.getHeader('last-modified') as string | undefined;
  const ifModifiedSince = request.headers['if-modified-since'];
  if (!ifNoneMatch && ifModifiedSince && lastModified) {
    const since = Date.parse(ifModifiedSince);
    notModified = Number.isFinite(since) && Date.parse(lastModified) <= since;
  }
  if (notModified) {
    reply.code(304);
    reply.removeHeader('content-length');
    return '';
  }
  return payload;
}
