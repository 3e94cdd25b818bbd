import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  adminListSchema,
  adminListsSchema,
  adminSubscriberDetailSchema,
  adminSubscriberPageSchema,
  adminSubscriberQuerySchema,
  listCreateSchema,
  listPatchSchema,
  privacyPolicyBodySchema,
  privacyPolicySchema,
  subscriberCountsSchema,
  suppressBodySchema,
  toAdminList,
  toAdminPolicy,
} from '../../../modules/subscribers/index.ts';
import { singleLine } from '../../../lib/text-schemas.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { recordChange } from './admin-audit-trail.ts';
import { actorOf } from './admin-auth.ts';

const idParams = z.object({ id: singleLine(64).min(1) });

/**
 * Newsletter subscribers, lists and the privacy policy (admins and the owner: the answers show
 * addresses). Thin: the subscribers module's operations decide and do the work.
 */
export function adminSubscriberRoutes(services: Pick<Services, 'subscribers' | 'audit'>): AnyApiRoute[] {
  const admin = services.subscribers.admin;
  return [
    apiRoute({
      method: 'GET',
      url: '/subscribers',
      tag: 'subscribers',
      summary: 'Subscribers, newest first, a page at a time; `email` finds one address exactly',
      permission: 'subscribers.manage',
      query: adminSubscriberQuerySchema,
      response: adminSubscriberPageSchema,
      handler: async ({ query }, request) => admin.list(actorOf(request), query),
    }),
    apiRoute({
      method: 'GET',
      url: '/subscribers/counts',
      tag: 'subscribers',
      summary: 'Subscribers per status, and each list’s subscriptions per status and recipients',
      permission: 'subscribers.manage',
      response: subscriberCountsSchema,
      handler: async (_input, request) => admin.counts(actorOf(request)),
    }),
    apiRoute({
      method: 'GET',
      url: '/subscribers.csv',
      tag: 'subscribers',
      summary:
        'Every subscriber as CSV (email, name, language, status, lists, created_at, confirmed_at), the columns `samizdat subscribers import` reads',
      permission: 'subscribers.manage',
      rawResponse: {
        contentType: 'text/csv',
        description: 'One row per subscriber, oldest first, with a header row',
      },
      async handler(_input, request, reply) {
        const rows = admin.csv(actorOf(request));
        // The addresses leave sealed storage: who took them is recorded.
        await recordChange(services, request, {
          action: 'subscribers.export',
          objectType: 'subscriber',
          objectId: null,
          summary: 'exported the subscribers as CSV',
        });
        reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="subscribers.csv"');
        return reply.send(Readable.from(rows));
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/subscribers/:id',
      tag: 'subscribers',
      summary: 'One subscriber: their lists and every consent given or withdrawn',
      permission: 'subscribers.manage',
      params: idParams,
      response: adminSubscriberDetailSchema,
      handler: async ({ params }, request) => admin.get(actorOf(request), params.id),
    }),
    apiRoute({
      method: 'POST',
      url: '/subscribers/:id/suppress',
      tag: 'subscribers',
      summary: 'Never mail this subscriber again (their record stays, as proof of the request)',
      permission: 'subscribers.manage',
      params: idParams,
      body: suppressBodySchema,
      response: adminSubscriberDetailSchema,
      async handler({ params, body }, request) {
        const detail = await admin.suppress(actorOf(request), params.id, body.detail);
        await recordChange(services, request, {
          action: 'subscriber.suppress',
          objectType: 'subscriber',
          objectId: params.id,
          summary: 'suppressed a subscriber',
        });
        return detail;
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/subscribers/:id',
      tag: 'subscribers',
      summary: 'Erase a subscriber: their address, name, subscriptions and consents',
      permission: 'subscribers.manage',
      params: idParams,
      async handler({ params }, request) {
        await admin.delete(actorOf(request), params.id);
        await recordChange(services, request, {
          action: 'subscriber.delete',
          objectType: 'subscriber',
          objectId: params.id,
          summary: 'erased a subscriber',
        });
        return undefined;
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/newsletters',
      tag: 'subscribers',
      summary: 'The newsletters (lists) readers can subscribe to',
      permission: 'subscribers.manage',
      response: adminListsSchema,
      handler: async (_input, request) => ({
        lists: (await admin.lists(actorOf(request))).map(toAdminList),
      }),
    }),
    apiRoute({
      method: 'POST',
      url: '/newsletters',
      tag: 'subscribers',
      summary: 'Add a newsletter (a digest has a five-field cron schedule, in the site’s time zone)',
      permission: 'subscribers.manage',
      body: listCreateSchema,
      successStatus: 201,
      response: adminListSchema,
      async handler({ body }, request) {
        const list = await admin.createList(actorOf(request), body);
        await recordChange(services, request, {
          action: 'newsletter.create',
          objectType: 'newsletter',
          objectId: list.id,
          summary: `added the newsletter "${list.slug}"`,
        });
        return toAdminList(list);
      },
    }),
    apiRoute({
      method: 'PATCH',
      url: '/newsletters/:id',
      tag: 'subscribers',
      summary: 'Change a newsletter’s name, wording, schedule, position, or make it the default',
      permission: 'subscribers.manage',
      params: idParams,
      body: listPatchSchema,
      response: adminListSchema,
      async handler({ params, body }, request) {
        const list = await admin.updateList(actorOf(request), params.id, body);
        await recordChange(services, request, {
          action: 'newsletter.update',
          objectType: 'newsletter',
          objectId: list.id,
          summary: `changed the newsletter "${list.slug}" (${Object.keys(body).join(', ')})`,
        });
        return toAdminList(list);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/privacy-policy',
      tag: 'subscribers',
      summary: 'The privacy policy readers agree to when they subscribe, and its version',
      permission: 'subscribers.manage',
      response: privacyPolicySchema,
      handler: async (_input, request) => toAdminPolicy(await admin.privacyPolicy(actorOf(request))),
    }),
    apiRoute({
      method: 'PUT',
      url: '/privacy-policy',
      tag: 'subscribers',
      summary: 'Replace the privacy policy’s text: a new version, recorded with each later consent',
      permission: 'subscribers.manage',
      body: privacyPolicyBodySchema,
      response: privacyPolicySchema,
      async handler({ body }, request) {
        const policy = await admin.updatePrivacyPolicy(actorOf(request), body.text);
        await recordChange(services, request, {
          action: 'privacy_policy.update',
          objectType: 'privacy_policy',
          objectId: null,
          summary: `published version ${policy.version} of the privacy policy`,
        });
        return toAdminPolicy(policy);
      },
    }),
  ];
}
