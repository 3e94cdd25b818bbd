import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { frontPageInputSchema, frontPageSchema } from '../../../modules/frontpage/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';

const frontPageAnswer = z.object({ front_page: frontPageSchema });

/**
 * The home page's lead, featured stories and breaking strip. Anyone on staff may read them;
 * who may change them (editors and above) is decided by the operation, given the actor.
 */
export function adminFrontPageRoutes(services: Pick<Services, 'frontPage'>): AnyApiRoute[] {
  const { frontPage } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/front-page',
      tag: 'front page',
      summary: 'What the editors pinned on the home page (an expired breaking strip answers null)',
      permission: 'articles.write',
      response: frontPageAnswer,
      handler: async () => ({ front_page: await frontPage.get() }),
    }),
    apiRoute({
      method: 'PUT',
      url: '/front-page',
      tag: 'front page',
      summary:
        'Pin the lead and featured stories (published ones only) and set or clear the breaking strip; ' +
        'null and [] fall back to the newest stories',
      body: frontPageInputSchema,
      response: frontPageAnswer,
      handler: async ({ body }, request) => ({
        front_page: await frontPage.set(actorOf(request), body),
      }),
    }),
  ];
}
