import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { ConflictError, DomainError, type DomainErrorCode } from '../domain/errors.ts';

/** The one place where domain errors become HTTP statuses. */
export const STATUS_BY_CODE: Record<DomainErrorCode | 'internal', number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  stale_update: 409,
  too_large: 413,
  unsupported_media: 415,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Errors raised by Fastify itself (body parsing, limits, multipart) carry a statusCode. */
function fromFramework(err: FastifyError): { status: number; body: ErrorBody } | undefined {
  const status = err.statusCode;
  if (!status || status >= 500) return undefined;
  const code: string =
    status === 413
      ? 'too_large'
      : status === 415 || status === 406
        ? 'unsupported_media'
        : status === 404
          ? 'not_found'
          : status === 401
            ? 'unauthenticated'
            : 'invalid_input';
  const mapped = code === 'unsupported_media' ? 415 : code === 'invalid_input' ? 400 : status;
  let message = err.message;
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    message = `invalid JSON: ${err.message}`;
  return { status: mapped, body: { error: { code, message } } };
}

export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  // The safety net for a write that lost a race on a unique index without mapping it itself
  // (operations should, with db/unique-violation.ts, to say which value clashed): 409, never 500.
  if (isUniqueViolation(err)) err = new ConflictError('this conflicts with something that already exists');
  if (err instanceof DomainError) {
    return {
      status: STATUS_BY_CODE[err.code],
      body: {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      },
    };
  }
  const framework = err && typeof err === 'object' ? fromFramework(err as FastifyError) : undefined;
  if (framework) return framework;
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

export type HtmlErrorRenderer = (
  status: number,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<string | undefined> | string | undefined;

export function makeErrorHandler(renderHtml?: HtmlErrorRenderer) {
  return async function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="samizdat"');
    reply.header('Cache-Control', 'no-store');
    if (!request.url.startsWith('/api/') && renderHtml) {
      const html = await renderHtml(status, request, reply);
      if (html !== undefined) return reply.status(status).type('text/html; charset=utf-8').send(html);
    }
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  };
}
