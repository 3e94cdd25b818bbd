import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { interfaceLanguages } from '../../../i18n/index.ts';
import { registerCheckoutRoutes } from './checkout-routes.ts';
import { pageSender, parseForm, tooManyPage, type ModulePageRenderer } from './donation-page.ts';
import { registerDonorPageRoutes } from './donor-page-routes.ts';
import { registerOwnRailRoutes } from './own-rail-routes.ts';
import { registerWebhookRoutes } from './webhook-routes.ts';

export type { ModulePageRenderer } from './donation-page.ts';

const FORM_LIMIT = 16 * 1024;

/**
 * Reader revenue's public routes: the checkout the appeal's form posts to, the TEST rail's
 * checkout page, thank-you, bank transfer and donor pages, and the providers' webhooks.
 */
export function registerDonationRoutes(
  app: FastifyInstance,
  services: Services,
  render?: ModulePageRenderer,
): void {
  const { config } = services;
  const defaultLang = config.DEFAULT_LANGUAGE;
  const sendPage = pageSender(config.SITE_URL.replace(/\/+$/, ''), render);

  // Forms and webhooks each get the body parser they need, here only.
  app.register(async (forms) => {
    forms.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT },
      (_request, body, done) => done(null, parseForm(String(body))),
    );

    const prefixes = [
      { prefix: '', lang: defaultLang },
      ...interfaceLanguages.filter((l) => l !== defaultLang).map((lang) => ({ prefix: `/${lang}`, lang })),
    ];
    for (const { prefix, lang } of prefixes) {
      const routes = {
        forms,
        services,
        lang,
        at: (path: string) => `${prefix}${path}`,
        sendPage,
        sendTooMany: (reply: Parameters<typeof sendPage>[0]) => sendPage(reply, 429, lang, tooManyPage(lang)),
      };
      registerCheckoutRoutes(routes);
      registerOwnRailRoutes(routes);
      registerDonorPageRoutes(routes);
    }
  });

  registerWebhookRoutes(app, services);
}
