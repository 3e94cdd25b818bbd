import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import { ForbiddenError } from '../../../domain/errors.ts';
import type { ApiKeyPrincipal } from '../../../modules/staff/api-key-service.ts';
import { can, type Permission } from '../../../modules/staff/roles.ts';

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

/** Authenticate the request's API key once, then check the role allows `permission`. */
export async function authorize(services: Services, request: FastifyRequest, permission?: Permission) {
  request.principal ??= await services.apiKeys.authenticate(bearer(request));
  if (permission && !can(request.principal.role, permission)) {
    throw new ForbiddenError(`the "${request.principal.role}" role may not do this (needs ${permission})`);
  }
}
