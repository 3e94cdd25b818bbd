import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>;
}

/** A problem the user can fix from the command line: printed as one line, exit code 1 or 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * `--name VALUE` where VALUE starts with "-" (a base64url key does one time in 64) as
 * `--name=VALUE`: node's parser would take VALUE for an option and refuse the line. Only for
 * options that take a value, and only when VALUE is not one of the command's own options.
 */
export function joinDashedValues(
  options: NonNullable<Command['options']>,
  argv: readonly string[],
): string[] {
  const known = (token: string) => {
    if (token === '--') return true;
    if (token.startsWith('--')) return token.slice(2).split('=')[0]! in options;
    return Object.values(options).some((o) => o.short !== undefined && token === `-${o.short}`);
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    const name = token.startsWith('--') && !token.includes('=') ? token.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next?.startsWith('-') && !known(next)) {
      out.push(`${token}=${next}`);
      i++;
    } else out.push(token);
  }
  return out;
}

export function parseCommandArgs(command: Command, argv: string[]) {
  const options = { help: { type: 'boolean' as const, short: 'h' }, ...(command.options ?? {}) };
  try {
    const { values, positionals } = parseArgs({
      args: joinDashedValues(options, argv),
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${command.usage}`, 2);
  }
}
