import { CliError, type Command } from '../command.ts';
import { boot } from '../boot.ts';
import { onShutdown } from '../shutdown.ts';
import type { Services } from '../../container.ts';
import { isWebWorker, startWebCluster, webWorkerCount } from '../web-cluster.ts';

const jobLog = (level: string, message: string) => console.error(`[jobs] ${level}: ${message}`);

/** Why the port could not be opened, in one line; other errors pass through. */
function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new CliError(`port ${port} on ${host} is already in use`);
  if (code === 'EACCES')
    return new CliError(`port ${port} on ${host} needs privileges this user lacks; use a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new CliError(`HOST ${host} is not an address of this machine`);
  return err;
}

/** The HTTP server on the configured port: site, APIs, media. */
async function listen(services: Services) {
  // Loaded here, not at the top, so `samizdat --help` stays instant.
  const { buildServer } = await import('../../web/server.ts');
  const { createPublicSite } = await import('../../web/public-site.ts');
  const { config } = services;
  const app = await buildServer(services, {
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : { level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL },
    site: await createPublicSite(services),
  });
  await app.listen({ port: config.PORT, host: config.HOST }).catch(async (err: unknown) => {
    await app.close();
    throw listenError(err, config.HOST, config.PORT);
  });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : config.PORT };
}

/** What a newsroom needs to hear once: where the site is, and how to claim it. */
async function announce(services: Services, port: number, lines: string[]) {
  const { config } = services;
  console.log(
    `Samizdat is serving ${services.publicationName()} at ${config.SITE_URL.replace(`:${config.PORT}`, `:${port}`)}`,
  );
  for (const line of lines) console.log(line);
  if (await services.setupTokens.needsFirstOwner()) {
    const token = await services.setupTokens.issueFirstOwnerToken();
    console.log(
      `Create the first staff account (link valid 24 h, once): ${config.SITE_URL}/admin/setup?token=${token}`,
    );
  }
}

async function seedIfWanted(services: Services) {
  if (services.config.SEED_DEMO !== 'auto') return;
  const { seedDemoIfEmpty } = await import('../../modules/demo/index.ts');
  const seeded = await seedDemoIfEmpty(services);
  if (seeded) console.log(`Seeded the demo publication: ${seeded.articles} articles.`);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the site and APIs (and run background jobs unless --no-worker)',
  usage: `Usage: samizdat serve [--no-worker]

  --no-worker   serve HTTP only; run \`samizdat worker\` elsewhere (scale-out)

With WEB_WORKERS above 1 (auto, the default, is one per CPU core), this process migrates, seeds
and runs the background jobs, and that many child processes serve HTTP on the shared port.
Settings come from the environment or samizdat.config.json (see README).`,
  options: { 'no-worker': { type: 'boolean' } },
  async run({ values }) {
    const withWorker = !values['no-worker'];

    if (isWebWorker()) {
      // A child of the supervisor below: HTTP only; the supervisor migrated and runs the jobs.
      const services = await boot({ migrate: false, log: jobLog });
      const { app } = await listen(services);
      await onShutdown(async () => {
        await app.close();
        await services.close();
      });
      return 0;
    }

    const services = await boot({ log: jobLog });
    await seedIfWanted(services);
    const workers = webWorkerCount(services.config.WEB_WORKERS);
    const jobsLine = withWorker
      ? 'Background jobs run in this process.'
      : 'Background jobs are off (--no-worker).';

    if (workers === 1) {
      const { app, port } = await listen(services);
      if (withWorker) await services.jobs.start();
      await announce(services, port, [jobsLine]);
      await onShutdown(async () => {
        await app.close();
        await services.close();
      });
      return 0;
    }

    const web = await startWebCluster(workers, (line) => console.error(`[web] ${line}`));
    if (withWorker) await services.jobs.start();
    await announce(services, web.port, [`${workers} web processes share the port.`, jobsLine]);
    const stopAll = async () => {
      await web.stop();
      await services.close();
    };
    void web.failed.then(async (err) => {
      console.error(`samizdat: ${err.message}`);
      await services.close();
      process.exit(1);
    });
    await onShutdown(stopAll);
    return 0;
  },
};
