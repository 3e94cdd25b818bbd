import { readFileSync } from 'node:fs';
import { CliError, parseCommandArgs, type Command } from './command.ts';
import { isWebWorker, type FatalMessage } from './web-cluster.ts';

// Each command's module is loaded only when that command runs: most of them need a fraction of
// the application, and `samizdat key` should not pay for loading the web server. Listed in the
// order `samizdat --help` prints them.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  worker: async () => (await import('./commands/worker.ts')).workerCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
  apikey: async () => (await import('./commands/apikey.ts')).apikeyCommand,
  staff: async () => (await import('./commands/staff.ts')).staffCommand,
  newsletter: async () => (await import('./commands/newsletter.ts')).newsletterCommand,
  subscribers: async () => (await import('./commands/subscribers.ts')).subscribersCommand,
  mail: async () => (await import('./commands/mail.ts')).mailCommand,
  key: async () => (await import('./commands/key.ts')).keyCommand,
  seed: async () => (await import('./commands/seed.ts')).seedCommand,
  mirrors: async () => (await import('./commands/mirrors.ts')).mirrorsCommand,
  sos: async () => (await import('./commands/sos.ts')).sosCommand,
  mirror: async () => (await import('./commands/mirror.ts')).mirrorCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
};

// Everything Samizdat creates (the key, the SQLite files, photos) is private to the user it runs
// as; DATA_DIR itself is created 0700 (cli/boot.ts).
process.umask(0o077);

/** `samizdat 0.1.0`: the version in package.json, the one place it is kept. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `samizdat ${pkg.version}`;
}

/** The command list: the one place every command's module is loaded. */
async function help(): Promise<string> {
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  const width = Math.max(...all.map((c) => c.name.length));
  return [
    'samizdat: publish journalism, reach readers past censorship, turn readers into supporters',
    '',
    'Usage: samizdat <command> [options]',
    '       samizdat --version',
    '',
    'Commands:',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `samizdat <command> --help` for a command's options.",
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(version());
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) throw new CliError(`unknown command "${name}"\n\n${await help()}`, 2);
  const command = await load();
  const args = parseCommandArgs(command, rest);
  if (args.values.help) {
    console.log(command.usage);
    return 0;
  }
  return command.run(args);
}

/** In a web process: tell the supervisor why this one is stopping, so it can say so. */
function tellSupervisor(line: string, then: () => void): void {
  if (!isWebWorker() || !process.send) return then();
  const message: FatalMessage = { samizdat: 'fatal', message: line };
  process.send(message, undefined, {}, (sendError) => {
    if (sendError) console.error(`samizdat: ${line}`);
    then();
  });
}

// A web process that crashes while serving: its last error line goes to the supervisor too
// (best effort: the process is about to exit).
if (isWebWorker()) {
  process.on('uncaughtExceptionMonitor', (err) => {
    process.send?.({
      samizdat: 'fatal',
      message: String(err?.message ?? err).split('\n')[0] ?? '',
    } satisfies FatalMessage);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      // A web process's supervisor reports the line once for all of them; anywhere else, print it.
      if (isWebWorker() && process.send) return tellSupervisor(err.message, () => process.exit(err.exitCode));
      console.error(`samizdat: ${err.message}`);
      process.exit(err.exitCode);
    }
    console.error(err);
    tellSupervisor(String((err as Error)?.message ?? err).split('\n')[0]!, () => process.exit(1));
  },
);
