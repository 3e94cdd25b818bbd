import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../db/unique-violation.ts';
import {
  ConflictError,
  DomainError,
  RateLimitedError,
  type DomainErrorCode,
  type ErrorDetails,
} from '../domain/errors.ts';

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
  sign_in_failed: 401,
  second_factor_failed: 401,
  rate_limited: 429,
  weak_password: 422,
  link_invalid: 404,
  csrf: 403,
  rail_unavailable: 503,
  internal: 500,
};

/** Every error answer: `details` is always there, null when there is nothing more to say. */
export interface ErrorBody {
  error: { code: string; message: string; details: NonNullable<ErrorDetails> | null };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

const answer = (status: number, code: string, message: string, details: ErrorDetails = undefined) => ({
  status,
  body: { error: { code, message, details: details ?? null } },
});

// Errors raised by Fastify and its plugins before a route runs. Their own messages quote the
// request (the URL, the Content-Type header, a piece of the body): each gets a fixed message.
const FRAMEWORK: Record<string, ErrorResponse> = {
  FST_ERR_BAD_URL: answer(400, 'invalid_input', 'the address is not valid (malformed percent-encoding)'),
  FST_ERR_MAX_PARAM_LENGTH: answer(414, 'too_large', 'the address is too long'),
  FST_ERR_CTP_INVALID_JSON_BODY: answer(
    400,
    'invalid_input',
    'invalid JSON: the request body does not parse',
  ),
  FST_ERR_CTP_EMPTY_JSON_BODY: answer(400, 'invalid_input', 'invalid JSON: the request body is empty'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: answer(
    415,
    'unsupported_media',
    'the request body has a content type this address does not accept',
  ),
  FST_ERR_CTP_INVALID_TYPE: answer(415, 'unsupported_media', 'the Content-Type header is not valid'),
  FST_ERR_CTP_BODY_TOO_LARGE: answer(413, 'too_large', 'the request body is too large'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: answer(
    400,
    'invalid_input',
    'the request body does not match its Content-Length',
  ),
  FST_ERR_CTP_INSTANCE_ALREADY_STARTED: answer(500, 'internal', 'internal error'),
  FST_REQ_FILE_TOO_LARGE: answer(413, 'too_large', 'the uploaded file is too large'),
  FST_PARTS_LIMIT: answer(413, 'too_large', 'the form has too many parts'),
  FST_FILES_LIMIT: answer(413, 'too_large', 'the form has too many files'),
  FST_FIELDS_LIMIT: answer(413, 'too_large', 'the form has too many fields'),
  FST_PROTO_VIOLATION: answer(400, 'invalid_input', 'the form has a field name that is not allowed'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: answer(
    415,
    'unsupported_media',
    'the request is not multipart/form-data',
  ),
};

/** Any other 4xx from the framework, by status: a fixed message, never the error's own. */
const BY_STATUS: Record<number, ErrorResponse> = {
  401: answer(401, 'unauthenticated', 'authentication required'),
  404: answer(404, 'not_found', 'not found'),
  405: answer(405, 'invalid_input', 'this method is not allowed here'),
  406: answer(415, 'unsupported_media', 'unsupported content type'),
  408: answer(408, 'invalid_input', 'the request took too long to arrive'),
  413: answer(413, 'too_large', 'the request is too large'),
  414: answer(414, 'too_large', 'the address is too long'),
  415: answer(415, 'unsupported_media', 'unsupported content type'),
  431: answer(431, 'too_large', 'the request headers are too large'),
};
const MALFORMED = answer(400, 'invalid_input', 'the request is malformed');
const CLOSING = answer(503, 'unavailable', 'the server is shutting down; try again in a moment');

/**
 * A request that reached this process while it closes (on a connection that was busy when the
 * close began). Not a domain error: nothing about the request is wrong, this process is going away.
 */
export class ServerClosingError extends Error {
  constructor() {
    super('the server is closing');
  }
}
/** How long a client should wait before it tries again (another process, or this one restarted). */
const RETRY_AFTER_SECONDS = '5';
const INTERNAL = answer(500, 'internal', 'internal error');

function fromFramework(err: FastifyError): ErrorResponse | undefined {
  const known = err.code ? FRAMEWORK[err.code] : undefined;
  if (known) return known;
  const status = err.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (err instanceof SyntaxError) return FRAMEWORK.FST_ERR_CTP_INVALID_JSON_BODY;
  return BY_STATUS[status] ?? MALFORMED;
}

export function toErrorResponse(err: unknown): ErrorResponse {
  // The safety net for a write that lost a race on a unique index without mapping it itself
  // (operations should, with db/unique-violation.ts, to say which value clashed): 409, never 500.
  if (isUniqueViolation(err)) err = new ConflictError('this conflicts with something that already exists');
  if (err instanceof ServerClosingError) return CLOSING;
  if (err instanceof DomainError) return answer(STATUS_BY_CODE[err.code], err.code, err.message, err.details);
  const framework = err && typeof err === 'object' ? fromFramework(err as FastifyError) : undefined;
  return framework ?? INTERNAL;
}

/** On every error answer, whatever produced it (a route, the router, the body parser). */
export const ERROR_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
/** JSON is never a document; an HTML error page whose renderer set none gets a strict one. */
const JSON_CSP = "default-src 'none'; frame-ancestors 'none'";
const HTML_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
    if (status === 503) reply.header('Retry-After', RETRY_AFTER_SECONDS);
    if (err instanceof RateLimitedError)
      reply.header('Retry-After', String(Math.ceil(err.retryAfterSeconds)));
    reply.headers(ERROR_HEADERS);
    // Payment providers' webhooks are machines too: they get the JSON shape.
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/webhooks/') && renderHtml) {
      // A page that fails to render falls back to the JSON answer rather than failing twice.
      const html = await Promise.resolve()
        .then(() => renderHtml(status, request, reply))
        .catch((renderError: unknown) => void request.log.error({ err: renderError }, 'error page failed'));
      if (html !== undefined) {
        if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', HTML_CSP);
        return reply.status(status).type('text/html; charset=utf-8').send(html);
      }
    }
    reply.header('Content-Security-Policy', JSON_CSP);
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  };
}
