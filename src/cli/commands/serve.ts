import { fork, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CliError, type Command } from '../command.ts';
import { boot, loadCliConfig } from '../boot.ts';
import { onShutdown } from '../shutdown.ts';
import { createProgress, type Progress } from '../progress.ts';
import type { Services } from '../../container.ts';
import type { Config } from '../../config/config.schema.ts';
import { isWebProcessFlag, isWebWorker, startWebCluster, webWorkerCount } from '../web-cluster.ts';

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
  const { createAccessLog } = await import('../../web/access-log.ts');
  const { config } = services;
  const app = await buildServer(services, {
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : { level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL },
    site: await createPublicSite(services),
    ...(config.ACCESS_LOG === 'on' ? { accessLog: createAccessLog() } : {}),
  });
  await app.listen({ port: config.PORT, host: config.HOST }).catch(async (err: unknown) => {
    await app.close();
    throw listenError(err, config.HOST, config.PORT);
  });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : config.PORT };
}

/** What `serve` says once the site is up, gathered where the services are. */
interface Announcement {
  publication: string;
  /** The one-time link's token, while nobody has claimed the site and the admin app was built. */
  setupToken?: string;
}

/**
 * What a newsroom needs to hear once: where the site is, and, while nobody has claimed it, the
 * one-time link to the admin's setup screen (a fresh one at each start; older ones expire). Only
 * when the admin app that answers the link was built: a link to a 503 is not handed out.
 */
async function announcementOf(services: Services, adminBuilt: boolean): Promise<Announcement> {
  const publication = services.publicationName();
  if (!adminBuilt || !(await services.setupTokens.needsFirstOwner())) return { publication };
  return { publication, setupToken: await services.setupTokens.issueFirstOwnerToken() };
}

function announce(config: Config, port: number, announcement: Announcement, lines: string[]) {
  // With PORT=0 the system picked the port: the links name the one actually open.
  const siteUrl = config.SITE_URL.replace(`:${config.PORT}`, `:${port}`);
  console.log(`Samizdat is serving ${announcement.publication} at ${siteUrl}`);
  for (const line of lines) console.log(line);
  if (announcement.setupToken) {
    console.log(
      `Create the first staff account (link valid 24 h, once): ${siteUrl}/admin/setup?token=${announcement.setupToken}`,
    );
  }
}

/**
 * The demo, when wanted and not there yet, seeded by `samizdat seed` in a process of its own that
 * exits when done: drawing the pictures (sharp) and parsing the articles' HTML take hundreds of MB
 * that the serving process would otherwise keep.
 */
async function seedIfWanted(services: Services) {
  if (services.config.SEED_DEMO !== 'auto') return;
  const { demoSeedNeeded } = await import('../../modules/demo/index.ts');
  if (!(await demoSeedNeeded(services))) return;
  // Without the web process's memory flags (bin/samizdat.js): drawing and parsing
  // allocate a lot, and this process exits anyway.
  const execArgv = process.execArgv.filter((a) => !isWebProcessFlag(a));
  const child = spawn(process.execPath, [...execArgv, process.argv[1]!, 'seed'], {
    stdio: 'inherit',
    env: process.env,
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (exitCode, signal) => done(signal ? 1 : exitCode));
  });
  if (code !== 0) throw new CliError('seeding the demo publication failed (see above)');
}

/**
 * The admin app, built at the first start and whenever its sources changed since (before any web
 * process reads it). A failed build leaves the site and APIs serving; /admin then answers 503.
 */
async function buildAdmin(progress: Progress): Promise<boolean> {
  const { isAdminBuildCurrent } = await import('../../web/admin-app/index.ts');
  if (isAdminBuildCurrent()) return true;
  // Vite and Rollup in a process of their own, which exits when done (see build-admin-main.ts).
  // Compiled (dist-server/), this file and the child's are .js; from the sources, via tsx.
  const compiled = import.meta.url.endsWith('.js');
  const main = new URL(`../../web/admin-app/build-admin-main.${compiled ? 'js' : 'ts'}`, import.meta.url);
  const loader = compiled
    ? []
    : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
  const child = fork(fileURLToPath(main), [], {
    execArgv: loader,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let error: string | undefined;
  child.on('message', (message: { progress?: string; error?: string }) => {
    if (message.progress) progress.line(message.progress);
    if (message.error) error = message.error;
  });
  const code = await new Promise<number | null>((done) => {
    child.once('error', (err) => ((error ??= err.message), done(1)));
    child.once('exit', (exitCode, signal) => done(signal ? 1 : exitCode));
  });
  if (code === 0) return true;
  console.error(`samizdat: the admin app could not be built: ${error ?? `exit code ${code}`}`);
  return false;
}

/** Set for the child that prepares the site for a supervisor that runs no jobs. */
const PREPARE_ENV = 'SAMIZDAT_SERVE_PREPARE';

/**
 * In that child: migrate (creating the site if there is none), seed the demo and build the admin
 * app when wanted, and send the supervisor what it is to announce; then exit, and with this
 * process goes every module the services loaded.
 */
async function prepareForSupervisor(): Promise<number> {
  const progress = createProgress();
  const services = await boot({ log: jobLog }, { create: true, progress: progress.line });
  try {
    await seedIfWanted(services);
    const announcement = await announcementOf(services, await buildAdmin(progress));
    await new Promise<void>((done, fail) =>
      process.send!(announcement, undefined, {}, (e) => (e ? fail(e) : done())),
    );
  } finally {
    await services.close();
  }
  return 0;
}

/**
 * `serve --no-worker` with several web processes: this process forks and watches them, and holds
 * nothing else (no database, no services: some 35 MB it would keep for nothing). Each start-up
 * step runs in a child first (prepareForSupervisor), which says itself what failed.
 */
async function superviseOnly(workers: number): Promise<number> {
  const child = fork(process.argv[1]!, ['serve', '--no-worker'], {
    execArgv: process.execArgv,
    env: { ...process.env, [PREPARE_ENV]: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let announcement: Announcement | undefined;
  child.on('message', (message: Announcement) => (announcement = message));
  const code = await new Promise<number>((done) => {
    child.once('error', () => done(1));
    child.once('exit', (exitCode, signal) => done(signal ? 1 : (exitCode ?? 1)));
  });
  // The child printed why it stopped, in one line.
  if (code !== 0 || !announcement) return code || 1;
  const web = await startWebCluster(workers, (line) => console.error(`[web] ${line}`));
  announce(loadCliConfig(), web.port, announcement, [
    `${workers} web processes share the port.`,
    'Background jobs are off (--no-worker).',
  ]);
  void web.failed.then((err) => {
    console.error(`samizdat: ${err.message}`);
    process.exit(1);
  });
  await onShutdown(() => web.stop());
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the site and APIs (and run background jobs unless --no-worker)',
  usage: `Usage: samizdat serve [--no-worker]

  --no-worker   serve HTTP only; run \`samizdat worker\` elsewhere (scale-out)

With WEB_WORKERS above 1 (auto, the default, is one per CPU core), this process migrates, seeds
and runs the background jobs, and that many child processes serve HTTP on the shared port (with
--no-worker, a short-lived child migrates and seeds, and this process only watches the others).
Creates the site (DATA_DIR and its database, or the schema at DATABASE_URL) when there is none.
Settings come from the environment or samizdat.config.json (see README).`,
  options: { 'no-worker': { type: 'boolean' } },
  async run({ values }) {
    const withWorker = !values['no-worker'];

    if (isWebWorker()) {
      // A child of the supervisor below: HTTP only; the supervisor migrated and runs the jobs.
      const services = await boot({ migrate: false, log: jobLog }, { create: true });
      const { app } = await listen(services);
      await onShutdown(async () => {
        await app.close();
        await services.close();
      });
      return 0;
    }

    if (process.env[PREPARE_ENV] === '1') return prepareForSupervisor();
    const workers = webWorkerCount(loadCliConfig().WEB_WORKERS);
    // A supervisor that runs no jobs only forks and watches: the site is prepared in a child.
    if (workers > 1 && !withWorker) return superviseOnly(workers);

    const progress = createProgress();
    const services = await boot({ log: jobLog }, { create: true, progress: progress.line });
    await seedIfWanted(services);
    const adminBuilt = await buildAdmin(progress);
    const jobsLine = withWorker
      ? 'Background jobs run in this process.'
      : 'Background jobs are off (--no-worker).';
    const startJobs = async () => (await import('../start-jobs.ts')).startJobs(services);

    if (workers === 1) {
      const { app, port } = await listen(services);
      if (withWorker) await startJobs();
      announce(services.config, port, await announcementOf(services, adminBuilt), [jobsLine]);
      await onShutdown(async () => {
        await app.close();
        await services.close();
      });
      return 0;
    }

    const web = await startWebCluster(workers, (line) => console.error(`[web] ${line}`));
    if (withWorker) await startJobs();
    announce(services.config, web.port, await announcementOf(services, adminBuilt), [
      `${workers} web processes share the port.`,
      jobsLine,
    ]);
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
