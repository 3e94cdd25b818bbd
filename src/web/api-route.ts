import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../lib/parse-input.ts';
import { UnsupportedMediaError } from '../domain/errors.ts';
import type { Permission } from '../modules/staff/index.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** An answer that is not JSON (a feed, CSV, HTML, a file): its content type, for the document. */
export interface RawResponse {
  contentType: string;
  /** What the body is; binary answers are `{ type: 'string', format: 'binary' }`. */
  schema?: Record<string, unknown>;
  description?: string;
}

/**
 * What a handler answers: the `response` schema's output (turned into the JSON sent by that same
 * schema), nothing (204 No Content) when the route declares no response, or the reply it sent
 * itself (a cached answer, a raw one).
 */
export type HandlerAnswer<R extends z.ZodType | undefined> = R extends z.ZodType
  ? z.output<R> | FastifyReply
  : undefined | FastifyReply;

/**
 * An API route declared once: the same zod schemas validate the request, build the answer and
 * describe both in the OpenAPI document, so the three cannot drift apart.
 */
export interface ApiRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType | undefined = undefined,
> {
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
  /**
   * The success answer's shape. What the handler returns is passed through it before it is sent
   * (unknown fields dropped, a missing one is a server error), and the OpenAPI document declares
   * it: the answer is the document. A route without one answers 204 No Content.
   */
  response?: R;
  /** An answer that is not JSON, sent by the handler itself; documented with its content type. */
  rawResponse?: RawResponse;
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
  ): Promise<HandlerAnswer<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiRoute = ApiRoute<any, any, any, any>;

export function apiRoute<
  P extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  B extends z.ZodType = z.ZodUnknown,
  R extends z.ZodType | undefined = undefined,
>(route: ApiRoute<P, Q, B, R>): ApiRoute<P, Q, B, R> {
  return route;
}

/**
 * The JSON answer as its schema declares it. An answer that does not fit is a bug on our side
 * (500), never sent as it is.
 */
export function answerOf<R extends z.ZodType>(schema: R, value: unknown): z.output<R> {
  return schema.parse(value);
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
        const result: unknown = await route.handler(input, request, reply);
        if (reply.sent || result === reply) return reply;
        if (!route.response) {
          if (result !== undefined) throw new Error(`${route.method} ${route.url} answered without a schema`);
          return reply.status(204).send();
        }
        return reply.status(route.successStatus ?? 200).send(answerOf(route.response, result));
      },
    });
  }
}
