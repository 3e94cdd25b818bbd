import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { CsrfError, ForbiddenError, UnauthenticatedError } from '../../../domain/errors.ts';
import { apiKeyActor, staffActor, type Actor } from '../../../modules/staff/index.ts';
import { can, type Permission } from '../../../modules/staff/index.ts';
import { csrfHeader, SAFE_METHODS, sessionToken } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * Who is calling, once per request: an API key ("Authorization: Bearer <key>"), or a staff
 * member's full session (the admin app's cookie, with the CSRF token on anything that changes
 * something). A pending session (second factor not given yet) authorizes nothing here.
 */
async function authenticate(services: Services, request: FastifyRequest): Promise<Actor> {
  if (request.headers.authorization !== undefined) {
    return apiKeyActor(await services.apiKeys.authenticate(bearer(request)));
  }
  const token = sessionToken(request);
  if (!token) throw new UnauthenticatedError('sign in, or send "Authorization: Bearer <key>"');
  const context = await services.signIn.context(token);
  if (context && !SAFE_METHODS.has(request.method)) {
    if (!services.signIn.sessions.csrfMatches(token, csrfHeader(request))) throw new CsrfError();
  }
  const full = services.signIn.requireFull(context);
  const member = services.signIn.toMember(full.staff);
  return staffActor(member);
}

/**
 * Authenticate the caller once, then check the role allows `permission`. Article and media routes
 * name no permission: their operations decide, given the actor (actorOf).
 */
export async function authorize(services: Services, request: FastifyRequest, permission?: Permission) {
  request.actor ??= await authenticate(services, request);
  if (permission && !can(request.actor.role, permission)) {
    throw new ForbiddenError(`the "${request.actor.role}" role may not do this (needs ${permission})`);
  }
}

/** The authenticated key or staff member as the actor operations check their rules against. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError('sign in, or send "Authorization: Bearer <key>"');
  return request.actor;
}
