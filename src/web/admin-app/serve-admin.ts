import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { AdminFile, AdminFiles } from './admin-files.ts';
import { ADMIN_SECURITY_HEADERS } from './admin-csp.ts';
import { matchAdminRoute } from './client-routes.ts';

/** 503 when the admin has not been built (serve builds it at start; a failed build says why there). */
function notBuilt(reply: FastifyReply) {
  return reply
    .code(503)
    .header('Retry-After', '60')
    .send({
      error: {
        code: 'admin_not_built',
        message: 'the admin app has not been built: restart `samizdat serve` to build it',
        details: null,
      },
    });
}

function send(request: FastifyRequest, reply: FastifyReply, f: AdminFile) {
  reply.headers(ADMIN_SECURITY_HEADERS);
  reply.header('Content-Type', f.contentType);
  reply.header('ETag', f.etag);
  reply.header('Cache-Control', f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (request.headers['if-none-match'] === f.etag) return reply.code(304).send();
  return reply.send(f.body);
}

/**
 * The admin SPA under /admin/: index.html for the client routes (200), the built assets by
 * name, 404 for any other /admin/... path. Files come from memory (loaded once at start).
 */
export function registerAdminApp(app: FastifyInstance, files: AdminFiles | undefined): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const asset = pathname.startsWith('/admin/')
      ? files?.assets.get(pathname.slice('/admin/'.length))
      : undefined;
    if (asset) return send(request, reply, asset);
    if (!matchAdminRoute(pathname)) throw new DomainError('not_found', 'there is nothing at this address');
    if (!files) return notBuilt(reply);
    return send(request, reply, files.index);
  };
  app.get('/admin', handler);
  app.get('/admin/*', handler);
}
