import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerFactory } from 'fastify';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import type { Services } from '../container.ts';
import { makeErrorHandler, ServerClosingError, type HtmlErrorRenderer } from './error-handler.ts';
import { CacheReplay, conditionalGet, setOriginRewrite, type CachedResponse } from './cache/index.ts';
import { AlternateOrigins } from './origins/alternate-origins.ts';
import { clientErrorHandler } from './client-error.ts';
import { registerHealth } from './routes/health.ts';
import { registerContentApi } from './routes/content-api.ts';
import { registerAdminApi, type ArticlePreview } from './routes/admin-api/register-admin-api.ts';
import { mediaFilesRoute } from '../modules/media/index.ts';
import { DomainError } from '../domain/errors.ts';
import type { AccessLog } from './access-log.ts';
import { registerMailWebhookRoutes } from './routes/mail-webhook-routes.ts';
import { registerDonationRoutes, type ModulePageRenderer } from './routes/donations/donation-routes.ts';
import { ADMIN_OUT_DIR, loadAdminFiles, registerAdminApp, type AdminFiles } from './admin-app/index.ts';

export interface ServerOptions {
  logger?: boolean | { level: string };
  /** Public-site routes and HTML error pages, added by the site module. */
  site?: {
    register(app: FastifyInstance, options?: { replay?: CacheReplay }): void | Promise<void>;
    renderError?: HtmlErrorRenderer;
    /** Whether a cached entry is still what the site would send; the replay needs this. */
    isCurrent?(entry: CachedResponse): boolean;
    /** The Admin API's article preview: the public page of any article, never cached. */
    sendArticlePreview?: ArticlePreview;
    /** Other modules' pages in the theme (reader revenue); a bare page without it. */
    renderModulePage?: ModulePageRenderer;
  };
  /**
   * Answer repeat requests for cached public pages before Fastify (see cache/cache-replay.ts). On
   * unless request logging is (debug or trace), which only requests through Fastify get.
   */
  replayCache?: boolean;
  /** One line per request, replayed ones included (see access-log.ts); none when absent. */
  accessLog?: AccessLog;
  /**
   * The built admin app served under /admin/; default: dist/admin read into memory now (serve
   * builds it first). Null, or absent there: /admin answers 503.
   */
  admin?: AdminFiles | null;
}

const JSON_BODY_LIMIT = 5 * 1024 * 1024;

export async function buildServer(services: Services, options: ServerOptions = {}): Promise<FastifyInstance> {
  const logsRequests =
    typeof options.logger === 'object' && ['debug', 'trace'].includes(options.logger.level);
  const isCurrent = options.site?.isCurrent?.bind(options.site);
  const replay = (options.replayCache ?? !logsRequests) && isCurrent ? new CacheReplay(isCurrent) : undefined;
  const accessLog = options.accessLog;
  const origins = AlternateOrigins.fromConfig(services.config);
  const onion = services.config.ONION_ADDRESS?.replace(/\/+$/, '');
  const serverFactory: FastifyServerFactory = (handler, opts) => {
    const server = createServer((req, res) => {
      // Before the replay, so a page answered from the cache is logged like any other.
      accessLog?.track(req, res);
      // The replay knows URLs, not origins: a listed alternate origin's request goes through
      // Fastify, which sends that origin's variant (cache/origin-variant.ts).
      if (origins.originFor(req.headers.host) !== undefined || !replay?.answer(req, res)) handler(req, res);
    });
    // What Fastify does to a server it creates itself.
    const { keepAliveTimeout, requestTimeout, connectionTimeout } = opts as Record<string, unknown>;
    if (typeof keepAliveTimeout === 'number') server.keepAliveTimeout = keepAliveTimeout;
    if (typeof requestTimeout === 'number') server.requestTimeout = requestTimeout;
    server.setTimeout(typeof connectionTimeout === 'number' ? connectionTimeout : 0);
    return server;
  };
  const errorHandler = makeErrorHandler(options.site?.renderError);
  const app = Fastify({
    ...(replay || accessLog ? { serverFactory } : {}),
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: false,
    // Long params reach validation (a clear 400/404) instead of the router's bare 414.
    routerOptions: { maxParamLength: 8000 },
    // Requests arriving while the server closes get our 503 (the onRequest hook below), not
    // Fastify's own body in another shape.
    return503OnClosing: false,
    // The router's and the HTTP parser's own refusals (bad percent-encoding, 414, 431) answer in
    // the same shape as every other error, and quote nothing of the request.
    frameworkErrors: (err, request, reply) => void errorHandler(err, request, reply),
    clientErrorHandler,
  });

  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(multipart, {
    limits: {
      fileSize: services.config.MAX_UPLOAD_MB * 1024 * 1024,
      files: 1,
      fields: 10,
      fieldSize: 64 * 1024,
      parts: 12,
    },
    throwFileSizeLimit: true,
  });

  if (origins.size > 0) {
    app.addHook('onRequest', (request, _reply, done) => {
      const origin = origins.originFor(request.headers.host);
      if (origin !== undefined) {
        setOriginRewrite(request.raw, { origin, rewrite: (body) => origins.rewrite(body, origin) });
      }
      done();
    });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    // A reader who follows a link off the site must not tell the other site what they were reading.
    reply.header('Referrer-Policy', 'no-referrer');
    // The same address on the onion service; not sent by the onion service itself.
    if (onion && origins.originFor(request.headers.host) !== onion) {
      reply.header('Onion-Location', onion + request.url);
    }
    return payload;
  });
  app.addHook('onSend', conditionalGet);

  // Closing: requests still arriving on connections that were busy when the close began (idle ones
  // are closed) answer 503 in the documented shape, with Connection: close; none is replayed
  // from the cache or reaches a route.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    replay?.disable();
    done();
  });
  app.addHook('onClose', (_app, done) => {
    accessLog?.flush();
    done();
  });
  app.addHook('onRequest', (_request, _reply, done) => done(closing ? new ServerClosingError() : undefined));

  app.setErrorHandler(errorHandler);
  // An old address (an imported site's permalink, an editor's redirect) answers before the 404.
  const redirectable = (request: FastifyRequest) =>
    options.site !== undefined &&
    (request.method === 'GET' || request.method === 'HEAD') &&
    !request.url.startsWith('/api/');
  app.setNotFoundHandler(async (request, reply) => {
    const to = redirectable(request) ? await services.redirects.find(request.url) : undefined;
    if (to) return reply.redirect(to.location, to.status);
    throw new DomainError('not_found', 'there is nothing at this address');
  });
  // WordPress's `/?p=123` and `/?page_id=7` reach the home page's route: looked up first, only
  // when the query names a page (redirects/redirect-path.ts).
  app.addHook('onRequest', async (request, reply) => {
    if (!redirectable(request) || !/^\/(index\.php)?\?(.*&)?(p|page_id)=/.test(request.url)) return;
    const to = await services.redirects.find(request.url);
    if (to) return reply.redirect(to.location, to.status);
  });

  registerHealth(app, services);
  registerContentApi(app, services);
  registerAdminApi(app, services, {
    ...(options.site?.sendArticlePreview
      ? { preview: options.site.sendArticlePreview.bind(options.site) }
      : {}),
  });
  registerAdminApp(
    app,
    options.admin === undefined ? loadAdminFiles(ADMIN_OUT_DIR) : (options.admin ?? undefined),
  );
  await app.register(
    mediaFilesRoute(services.storage, {
      serveOriginals: services.config.SERVE_ORIGINAL_MEDIA,
      findMedia: async (id) => (await services.media.getMany([id]))[0],
    }),
  );
  await app.register(async (scope) =>
    registerDonationRoutes(scope, services, options.site?.renderModulePage?.bind(options.site)),
  );
  await app.register(async (scope) => registerMailWebhookRoutes(scope, services));
  if (options.site) await options.site.register(app, replay ? { replay } : {});
  return app;
}
