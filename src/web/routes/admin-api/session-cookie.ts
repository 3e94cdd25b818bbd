import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedSession } from '../../../modules/staff/index.ts';

export const SESSION_COOKIE = 'samizdat_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: they need no CSRF token. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from the request's Cookie header, if it carries ours. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The cookie for a new session, kept by the browser until the session's absolute end. */
export function setSessionCookie(
  reply: FastifyReply,
  issued: IssuedSession,
  siteUrl: string,
  at: Date,
): void {
  const seconds = Math.max(0, Math.floor((Date.parse(issued.expiresAt) - at.getTime()) / 1000));
  reply.header('Set-Cookie', cookie(issued.token, seconds, siteUrl.startsWith('https:')));
}

export function clearSessionCookie(reply: FastifyReply, siteUrl: string): void {
  reply.header('Set-Cookie', cookie('', 0, siteUrl.startsWith('https:')));
}

export function csrfHeader(request: FastifyRequest): string | undefined {
  const value = request.headers[CSRF_HEADER];
  return Array.isArray(value) ? value[0] : value;
}
