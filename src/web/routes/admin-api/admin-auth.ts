import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { ForbiddenError, UnauthenticatedError } from '../../../domain/errors.ts';
import { apiKeyActor, type Actor } from '../../../modules/staff/index.ts';
import type { ApiKeyPrincipal } from '../../../modules/staff/index.ts';
import { can, type Permission } from '../../../modules/staff/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: ApiKeyPrincipal;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * Authenticate the request's API key once, then check the role allows `permission`. Article and
 * media routes name no permission: their operations decide, given the actor (actorOf).
 */
export async function authorize(services: Services, request: FastifyRequest, permission?: Permission) {
  request.principal ??= await services.apiKeys.authenticate(bearer(request));
  if (permission && !can(request.principal.role, permission)) {
    throw new ForbiddenError(`the "${request.principal.role}" role may not do this (needs ${permission})`);
  }
}

/** The authenticated key as the actor operations check their rules against. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal)
    throw new UnauthenticatedError('missing API key: send "Authorization: Bearer <key>"');
  return apiKeyActor(request.principal);
}
