import { readFileSync } from 'node:fs';
import { CliError, parseCommandArgs, type Command } from './command.ts';
import { apikeyCommand } from './commands/apikey.ts';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { seedCommand } from './commands/seed.ts';
import { keyCommand } from './commands/key.ts';
import { staffCommand } from './commands/staff.ts';
import { mirrorsCommand } from './commands/mirrors.ts';
import { sosCommand } from './commands/sos.ts';
import { newsletterCommand } from './commands/newsletter.ts';
import { subscribersCommand } from './commands/subscribers.ts';
import { mailCommand } from './commands/mail.ts';
import { mirrorCommand } from './commands/mirror.ts';
import { importCommand } from './commands/import.ts';
import { isWebWorker, type FatalMessage } from './web-cluster.ts';

const commands: Command[] = [
  serveCommand,
  workerCommand,
  migrateCommand,
  apikeyCommand,
  staffCommand,
  newsletterCommand,
  subscribersCommand,
  mailCommand,
  keyCommand,
  seedCommand,
  mirrorsCommand,
  sosCommand,
  mirrorCommand,
  importCommand,
];

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

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'samizdat: publish journalism, reach readers past censorship, turn readers into supporters',
    '',
    'Usage: samizdat <command> [options]',
    '       samizdat --version',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `samizdat <command> --help` for a command's options.",
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(version());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command "${name}"\n\n${help()}`, 2);
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
