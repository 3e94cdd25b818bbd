import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../lib/parse-input.ts';
import { UnsupportedMediaError } from '../domain/errors.ts';
import type { Permission } from '../modules/staff/index.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * An API route declared once: the same zod schemas validate the request and describe it in the
 * OpenAPI document, so the two cannot drift apart.
 */
export interface ApiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  url: string; // fastify syntax: /articles/:id
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Body described in OpenAPI but read by the handler itself (multipart uploads). */
  rawBody?: { contentType: string; schema: Record<string, unknown> };
  successStatus?: number;
  /** The success answer's shape, for the OpenAPI document (not checked at run time). */
  response?: z.ZodType;
  /**
   * Admin API: a permission the caller's role must hold for every use of this route. Rules that
   * depend on the object (whose article, is it live, which articles show a photo) are decided by
   * the module operations, which take the actor; routes that call such operations name none.
   */
  permission?: Permission;
  handler(
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiRoute = ApiRoute<any, any, any>;

export function apiRoute<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
>(route: ApiRoute<P, Q, B>): ApiRoute<P, Q, B> {
  return route;
}

/** Register routes under a prefix; `before` runs first (authentication, for example). */
export function registerApiRoutes(
  app: FastifyInstance,
  prefix: string,
  routes: AnyApiRoute[],
  before?: (request: FastifyRequest, route: AnyApiRoute) => Promise<void>,
): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: prefix + route.url,
      handler: async (request, reply) => {
        if (before) await before(request, route);
        if (route.body && !/^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
          throw new UnsupportedMediaError('send the request body as application/json');
        }
        const input = {
          params: route.params ? parseInput(route.params, request.params) : undefined,
          query: route.query ? parseInput(route.query, request.query) : undefined,
          body: route.body ? parseInput(route.body, request.body ?? {}) : undefined,
        };
        const result = await route.handler(input, request, reply);
        if (reply.sent) return reply;
        if (result === undefined) return reply.status(204).send();
        return reply.status(route.successStatus ?? 200).send(result);
      },
    });
  }
}
