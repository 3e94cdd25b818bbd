import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { ForbiddenError } from '../../../domain/errors.ts';
import { singleLine } from '../../../lib/text-schemas.ts';
import { covers, roleSchema } from '../../../modules/staff/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { recordChange } from './admin-audit-trail.ts';
import { actorOf } from './admin-auth.ts';

const keyJson = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

/** API keys: list, create (the key is shown once), revoke. Admins and the owner (`keys.manage`). */
export function adminKeyRoutes(services: Pick<Services, 'apiKeys' | 'audit'>): AnyApiRoute[] {
  const { apiKeys } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/keys',
      tag: 'api keys',
      summary: 'Every API key, revoked ones too (never the keys themselves)',
      permission: 'keys.manage',
      response: z.object({ keys: z.array(keyJson) }),
      handler: async () => ({
        keys: (await apiKeys.list()).map((k) => ({
          id: k.keyId,
          name: k.name,
          role: k.role,
          created_at: k.createdAt,
          last_used_at: k.lastUsedAt,
          revoked_at: k.revokedAt,
        })),
      }),
    }),
    apiRoute({
      method: 'POST',
      url: '/keys',
      tag: 'api keys',
      summary:
        'Create a key with a role no more powerful than the caller’s; the answer holds the key, shown this once',
      permission: 'keys.manage',
      body: z.object({ name: singleLine(100).min(1), role: roleSchema }).strict(),
      successStatus: 201,
      response: z.object({ key: z.string(), api_key: keyJson }),
      async handler({ body }, request) {
        const actor = actorOf(request);
        if (!covers(actor.role, body.role)) {
          throw new ForbiddenError(
            `the "${actor.role}" role may not create a key with the "${body.role}" role`,
          );
        }
        const { key, info } = await apiKeys.create(body);
        await recordChange(services, request, {
          action: 'api_key.create',
          objectType: 'api_key',
          objectId: info.keyId,
          summary: `created API key "${info.name}" with the ${info.role} role`,
        });
        return {
          key,
          api_key: {
            id: info.keyId,
            name: info.name,
            role: info.role,
            created_at: info.createdAt,
            last_used_at: info.lastUsedAt,
            revoked_at: info.revokedAt,
          },
        };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/keys/:id',
      tag: 'api keys',
      summary: 'Revoke a key (one no more powerful than the caller’s): it stops working at once',
      permission: 'keys.manage',
      params: z.object({ id: singleLine(64).min(1) }),
      async handler({ params }, request) {
        const actor = actorOf(request);
        const target = (await apiKeys.list()).find((k) => k.keyId === params.id);
        // Nor may it take away a more powerful key (an admin's key locking the owner out).
        if (target && !covers(actor.role, target.role)) {
          throw new ForbiddenError(
            `the "${actor.role}" role may not revoke a key with the "${target.role}" role`,
          );
        }
        await apiKeys.revoke(params.id);
        await recordChange(services, request, {
          action: 'api_key.revoke',
          objectType: 'api_key',
          objectId: params.id,
          summary: `revoked API key "${target?.name ?? params.id}"`,
        });
        return undefined;
      },
    }),
  ];
}
