import type { Services } from '../../../container.ts';
import { siteSettingsUpdateSchema } from '../../../modules/settings/site-settings.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';

/** The publication's name, descriptions, accent colour and logo (navigation is the sections). */
export function adminSettingsRoutes(services: Services): AnyApiRoute[] {
  const { settings } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/settings',
      tag: 'settings',
      summary: 'The publication settings',
      permission: 'articles.write',
      handler: async () => ({ settings: settings.get() }),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/settings',
      tag: 'settings',
      summary: 'Change some settings; every public page shows the change at its next request',
      permission: 'settings.write',
      body: siteSettingsUpdateSchema,
      handler: async (_i, request) => ({ settings: await settings.set(request.body) }),
    }),
  ];
}
