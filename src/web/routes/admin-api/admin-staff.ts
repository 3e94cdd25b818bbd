import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  inviteAnswerSchema,
  inviteSchema,
  outboxListSchema,
  outboxMessageSchema,
  staffListSchema,
  staffPatchSchema,
} from '../../../modules/staff/index.ts';
import { singleLine } from '../../../lib/text-schemas.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';

const idParams = z.object({ id: singleLine(64).min(1) });

/** Staff and their invites (admins and the owner), and the mail outbox (the owner). */
export function adminStaffRoutes(services: Pick<Services, 'staff'>): AnyApiRoute[] {
  const { staff } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/staff',
      tag: 'staff',
      summary: 'Staff accounts and open invites',
      response: staffListSchema,
      handler: async (_input, request) => staff.list(actorOf(request)),
    }),
    apiRoute({
      method: 'POST',
      url: '/staff/invites',
      tag: 'staff',
      summary: 'Invite someone with a role: the link is mailed and answered (valid 7 days, once)',
      body: inviteSchema,
      successStatus: 201,
      response: inviteAnswerSchema,
      handler: async ({ body }, request) => staff.invite(actorOf(request), body),
    }),
    apiRoute({
      method: 'DELETE',
      url: '/staff/invites/:id',
      tag: 'staff',
      summary: 'Withdraw an invite',
      params: idParams,
      handler: async ({ params }, request) => staff.revokeInvite(actorOf(request), params.id),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/staff/:id',
      tag: 'staff',
      summary: "Change someone's role, or disable or enable their account (disabling ends their sessions)",
      params: idParams,
      body: staffPatchSchema,
      handler: async ({ params, body }, request) => staff.update(actorOf(request), params.id, body),
    }),
    apiRoute({
      method: 'POST',
      url: '/staff/:id/transfer-ownership',
      tag: 'staff',
      summary: 'The owner makes this person the owner, and becomes an admin',
      params: idParams,
      handler: async ({ params }, request) => staff.transferOwnership(actorOf(request), params.id),
    }),
    apiRoute({
      method: 'GET',
      url: '/outbox',
      tag: 'staff',
      summary: 'Mail kept in DATA_DIR/outbox because no SMTP server is configured (owner only)',
      response: outboxListSchema,
      handler: async (_input, request) => staff.outboxList(actorOf(request)),
    }),
    apiRoute({
      method: 'GET',
      url: '/outbox/:id',
      tag: 'staff',
      summary: 'One message of the outbox (owner only)',
      params: idParams,
      response: outboxMessageSchema,
      handler: async ({ params }, request) => staff.outboxMessage(actorOf(request), params.id),
    }),
  ];
}
