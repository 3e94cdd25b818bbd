import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../container.ts';
import type { AuditEntry } from '../../../modules/audit/index.ts';
import { actorOf } from './admin-auth.ts';

/**
 * Record a change an Admin API call made through an operation that writes one row and has no
 * transaction of its own (tags, authors, media, settings, API keys), once it has succeeded.
 * Article and front-page changes are recorded by their operations, inside their transactions.
 */
export async function recordChange(
  services: Pick<Services, 'audit'>,
  request: FastifyRequest,
  entry: Omit<AuditEntry, 'actor'>,
): Promise<void> {
  await services.audit.record({ actor: actorOf(request), ...entry });
}
