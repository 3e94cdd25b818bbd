import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { appealSettingsSchema, appealSettingsUpdateSchema } from '../../../modules/appeal/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';
import { recordChange } from './admin-audit-trail.ts';

const settingsAnswer = z.object({ appeal: appealSettingsSchema });

const statsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  variants: z.array(
    z.object({
      id: z.string(),
      views: z.number(),
      dismissals: z.number(),
      snoozes: z.number(),
      conversion_clicks: z.number(),
      conversions: z.number(),
      conversion_rate: z.number(),
    }),
  ),
  comparisons: z.array(
    z.object({
      id: z.string(),
      baseline: z.string(),
      rate: z.number(),
      baseline_rate: z.number(),
      z: z.number().nullable(),
      p: z.number().nullable(),
      significant: z.boolean(),
      readout: z.string(),
    }),
  ),
});

/**
 * The reader-revenue appeal: its letter and title per language, when the dialog opens (views,
 * frequency cap, snooze), excluded sections, the A/B variants; and the anonymous counts per
 * variant with a two-proportion z-test against the first. Admins and owners (the operations decide).
 */
export function adminAppealRoutes(services: Pick<Services, 'appeal' | 'audit'>): AnyApiRoute[] {
  const { appeal } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/appeal',
      tag: 'appeal',
      permission: 'settings.write',
      summary: 'The appeal settings',
      response: settingsAnswer,
      handler: async (_input, request) => ({ appeal: appeal.read(actorOf(request)) }),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/appeal',
      tag: 'appeal',
      permission: 'settings.write',
      summary: 'Change some appeal settings; the pages show the change at their next request',
      body: appealSettingsUpdateSchema,
      response: settingsAnswer,
      async handler({ body }, request) {
        const saved = await appeal.update(actorOf(request), body);
        await recordChange(services, request, {
          action: 'appeal.update',
          objectType: 'appeal',
          objectId: null,
          summary: `changed the appeal (${Object.keys(body).join(', ')})`,
        });
        return { appeal: saved };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/appeal/stats',
      tag: 'appeal',
      permission: 'settings.write',
      summary:
        'Views, dismissals, snoozes, checkout clicks and gifts per variant over the last `days` days, ' +
        'with each variant compared with the first (two-proportion z-test; "not yet significant" until it is)',
      query: z.object({ days: z.coerce.number().int().min(1).max(3660).optional() }).strict(),
      response: statsAnswer,
      handler: async ({ query }, request) =>
        appeal.stats(actorOf(request), query.days === undefined ? {} : { days: query.days }),
    }),
  ];
}
