import type { Command } from '../command.ts';
import { boot } from '../boot.ts';
import { onShutdown } from '../shutdown.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the site and APIs (and run background jobs unless --no-worker)',
  usage: `Usage: samizdat serve [--no-worker]

  --no-worker   serve HTTP only; run \`samizdat worker\` elsewhere (scale-out)

Settings come from the environment or samizdat.config.json (see README).`,
  options: { 'no-worker': { type: 'boolean' } },
  async run({ values }) {
    const withWorker = !values['no-worker'];
    // Loaded here, not at the top, so `samizdat --help` stays instant.
    const { buildServer } = await import('../../web/server.ts');
    const { seedDemoIfEmpty } = await import('../../modules/demo/seed-demo.ts');
    const { createPublicSite } = await import('../../web/public-site.ts');
    const services = await boot({ log: (level, message) => console.error(`[jobs] ${level}: ${message}`) });
    const { config } = services;
    if (config.SEED_DEMO === 'auto') {
      const seeded = await seedDemoIfEmpty(services);
      if (seeded) console.log(`Seeded the demo publication: ${seeded.articles} articles.`);
    }
    const app = await buildServer(services, {
      logger:
        config.LOG_LEVEL === 'silent'
          ? false
          : { level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL },
      site: await createPublicSite(services),
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    if (withWorker) await services.jobs.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    console.log(
      `Samizdat is serving ${services.publicationName()} at ${config.SITE_URL.replace(`:${config.PORT}`, `:${port}`)}`,
    );
    console.log(
      withWorker ? 'Background jobs run in this process.' : 'Background jobs are off (--no-worker).',
    );
    if (await services.setupTokens.needsFirstOwner()) {
      const token = await services.setupTokens.issueFirstOwnerToken();
      console.log(
        `Create the first staff account (link valid 24 h, once): ${config.SITE_URL}/admin/setup?token=${token}`,
      );
    }
    await onShutdown(async () => {
      await app.close();
      await services.close();
    });
    return 0;
  },
};
