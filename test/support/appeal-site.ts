// The demo site with reader revenue switched on, for the appeal's tests. Until the donations
// module is merged nothing answers POST /support/checkout, so the support feature would not show
// (feature-routes.ts): this stands in for it. It answers as a gift's thank-you page would: the
// fields it received (as JSON in a <pre>), the supporter marker and the appeal's script.
import type { FastifyInstance } from 'fastify';
import type { DialectName } from '../../src/db/dialect.ts';
import { seedDemoIfEmpty } from '../../src/modules/demo/seed-demo.ts';
import { createPublicSite } from '../../src/web/public-site.ts';
import { startTestApp, type TestApp } from './test-app.ts';

export function registerCheckoutStandIn(app: FastifyInstance, scriptUrl: () => string): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post('/support/checkout', async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="en"><head><title>Thank you</title><script src="${scriptUrl()}" defer></script></head>` +
            `<body><p data-samizdat-supporter>Thank you</p><pre id="checkout">${JSON.stringify(request.body).replace(/</g, '&lt;')}</pre></body></html>`,
        ),
    );
  });
}

export async function startAppealSite(
  dialect: DialectName = 'sqlite',
  options: { checkout?: boolean; seed?: boolean; now?: () => Date } = {},
): Promise<TestApp> {
  const t = await startTestApp(dialect, {
    ...(options.now ? { now: options.now } : {}),
    server: async (services) => {
      const site = await createPublicSite(services);
      return {
        site: {
          ...site,
          async register(app, registerOptions) {
            if (options.checkout !== false)
              registerCheckoutStandIn(app, () => site.context.theme.assets.urlOf('appeal.js'));
            await site.register(app, registerOptions);
          },
        },
      };
    },
  });
  try {
    await t.services.settings.set({ features: { support: true } });
    if (options.seed !== false) {
      await seedDemoIfEmpty(t.services, { heroWidth: 640 });
      await t.services.jobs.runUntilIdle?.();
    }
  } catch (err) {
    await t.close();
    throw err;
  }
  return t;
}
