import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  presentRedirect,
  redirectDeleteQuerySchema,
  redirectJsonSchema,
  redirectListQuerySchema,
  redirectPutSchema,
} from '../../../modules/redirects/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { recordChange } from './admin-audit-trail.ts';
import { actorOf } from './admin-auth.ts';

/**
 * Old addresses answering 301 (imported sites' permalinks, editors' own): list, add or replace,
 * remove, export as CSV. Editors, admins and the owner (`taxonomy.write`).
 */
export function adminRedirectRoutes(services: Pick<Services, 'redirects' | 'audit'>): AnyApiRoute[] {
  const { redirects } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/redirects',
      tag: 'redirects',
      summary: 'Redirects by old path; q filters by part of the path or target',
      permission: 'taxonomy.write',
      query: redirectListQuerySchema,
      response: z.object({
        redirects: z.array(redirectJsonSchema),
        total: z.number().int(),
        page: z.number().int(),
        limit: z.number().int(),
      }),
      async handler({ query }, request) {
        const page = await redirects.list(actorOf(request), query);
        return {
          redirects: page.items.map(presentRedirect),
          total: page.total,
          page: page.page,
          limit: page.limit,
        };
      },
    }),
    apiRoute({
      method: 'PUT',
      url: '/redirects',
      tag: 'redirects',
      summary:
        'Add or replace the redirect of an old address (a path, with ?p= or ?page_id= kept; other query parameters ignored) to a path here or an http(s) URL',
      permission: 'taxonomy.write',
      body: redirectPutSchema,
      response: z.object({ redirect: redirectJsonSchema }),
      async handler({ body }, request) {
        const redirect = await redirects.put(actorOf(request), body);
        await recordChange(services, request, {
          action: 'redirect.put',
          objectType: 'redirect',
          objectId: redirect.path,
          summary: `redirected ${redirect.path} to ${redirect.target}`,
        });
        return { redirect: presentRedirect(redirect) };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/redirects',
      tag: 'redirects',
      summary: 'Remove the redirect of an old address (the path as listed)',
      permission: 'taxonomy.write',
      query: redirectDeleteQuerySchema,
      async handler({ query }, request) {
        await redirects.delete(actorOf(request), query.path);
        await recordChange(services, request, {
          action: 'redirect.delete',
          objectType: 'redirect',
          objectId: query.path,
          summary: `removed the redirect of ${query.path}`,
        });
        return undefined;
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/redirects.csv',
      tag: 'redirects',
      summary: 'Every redirect as CSV: path, location, status, origin, article_id',
      permission: 'taxonomy.write',
      rawResponse: {
        contentType: 'text/csv',
        description: 'One row per redirect, by path, with a header row',
      },
      async handler(_input, request, reply) {
        const rows = redirects.csv(actorOf(request));
        reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="redirects.csv"');
        return reply.send(Readable.from(rows));
      },
    }),
  ];
}
