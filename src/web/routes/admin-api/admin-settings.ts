import { z } from 'zod';
import type { Services } from '../../../container.ts';
import { siteSettingsSchema, siteSettingsUpdateSchema } from '../../../modules/settings/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { recordChange } from './admin-audit-trail.ts';

const settingsAnswer = z.object({
  settings: siteSettingsSchema,
  /** Fixed by the server configuration: the language at `/`, and what `languages` may list. */
  language_choices: z.object({ default_language: z.string(), languages: z.array(z.string()) }),
});

/**
 * The publication's name, descriptions, accent colour, logo, reader features (`features`:
 * newsletter, support; navigation is the sections), time zone (`time_zone`, an IANA name; the
 * config TIMEZONE until set) and the languages with pages of their own besides the default
 * (`languages`; all interface languages until set).
 */
export function adminSettingsRoutes(services: Pick<Services, 'settings' | 'audit'>): AnyApiRoute[] {
  const { settings } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/settings',
      tag: 'settings',
      summary: 'The publication settings',
      permission: 'articles.write',
      response: settingsAnswer,
      handler: async () => ({ settings: settings.get(), language_choices: settings.languageChoices() }),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/settings',
      tag: 'settings',
      summary: 'Change some settings; every public page shows the change at its next request',
      permission: 'settings.write',
      body: siteSettingsUpdateSchema,
      response: settingsAnswer,
      async handler({ body }, request) {
        const saved = await settings.set(body);
        await recordChange(services, request, {
          action: 'settings.update',
          objectType: 'settings',
          objectId: null,
          summary: `changed settings (${Object.keys(body).join(', ')})`,
        });
        return { settings: saved, language_choices: settings.languageChoices() };
      },
    }),
  ];
}
