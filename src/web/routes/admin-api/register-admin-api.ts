import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../container.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { authorize } from './admin-auth.ts';
import { registerApiRoutes } from '../../api-route.ts';
import { buildOpenApi } from '../../openapi.ts';
import { adminArticleRoutes } from './admin-articles.ts';
import { adminMediaRoutes } from './admin-media.ts';
import { adminTaxonomyRoutes } from './admin-taxonomy.ts';
import { adminSettingsRoutes } from './admin-settings.ts';
import { adminFrontPageRoutes } from './admin-front-page.ts';
import { adminRevisionRoutes } from './admin-revisions.ts';
import { adminKeyRoutes } from './admin-keys.ts';
import { adminAuditRoutes } from './admin-audit.ts';
import { adminSignInRoutes, loadStaffSession } from './admin-sign-in.ts';
import { adminStaffRoutes } from './admin-staff.ts';
import { adminAppealRoutes } from './admin-appeal.ts';
import { adminDonationRoutes } from './admin-donations.ts';
import { adminNewsletterRoutes } from './admin-newsletters.ts';
import { adminSubscriberRoutes } from './admin-subscribers.ts';
import { adminRedirectRoutes } from './admin-redirects.ts';
import type { FastifyReply } from 'fastify';
import type { Article } from '../../../modules/articles/index.ts';

/** Sends an article as its public page (the site module's rendering), whatever its status. */
export type ArticlePreview = (article: Article, reply: FastifyReply) => Promise<void>;

export const ADMIN_API_PREFIX = '/api/admin/v1';

export function registerAdminApi(
  app: FastifyInstance,
  services: Services,
  options: { preview?: ArticlePreview } = {},
): void {
  const routes = [
    ...adminArticleRoutes(services),
    ...adminTaxonomyRoutes(services),
    ...adminMediaRoutes(services),
    ...adminSettingsRoutes(services),
    ...adminFrontPageRoutes(services),
    ...adminRevisionRoutes(services, options.preview),
    ...adminKeyRoutes(services),
    ...adminAuditRoutes(services),
    ...adminStaffRoutes(services),
    ...adminAppealRoutes(services),
    ...adminDonationRoutes(services),
    ...adminNewsletterRoutes(services),
    ...adminSubscriberRoutes(services),
    ...adminRedirectRoutes(services),
  ];
  // Sign-in and one's own sessions: reached with the session cookie (or none), never a key.
  const authRoutes = adminSignInRoutes(services);
  const openapi = buildOpenApi(
    {
      title: `${services.publicationName()} Admin API`,
      version: '1.0.0',
      description:
        'Authenticated with "Authorization: Bearer <key>" (create keys with `samizdat apikey create`), or by a staff session cookie from the /auth routes with its X-CSRF-Token header.',
    },
    absoluteUrl(services.config.SITE_URL, ADMIN_API_PREFIX),
    [...authRoutes, ...routes],
    { bearerAuth: true },
  );
  app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      return payload;
    });
    registerApiRoutes(scope, ADMIN_API_PREFIX, routes, (request, route) =>
      authorize(services, request, route.permission),
    );
    registerApiRoutes(scope, ADMIN_API_PREFIX, authRoutes, (request) => loadStaffSession(services, request));
    scope.get(`${ADMIN_API_PREFIX}/openapi.json`, async () => openapi);
  });
}
