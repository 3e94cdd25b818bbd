import { describe, expect, it } from 'vitest';
import { CliError, parseCommandArgs, type Command } from './command.ts';

// A value that starts with "-" (an Ed25519 public key in base64url does, one time in 64) is
// still the value of the option before it, unless it is one of the command's own options.

const command: Command = {
  name: 'verify',
  summary: '',
  usage: 'Usage: verify URL [--key KEY] [--quiet]',
  options: { key: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } },
  run: async () => 0,
};

describe('command-line options', () => {
  it('takes a value that starts with a dash as the value of a string option', () => {
    const key = '-Jq3f0kQzPA5CkF2dz6m7gX0kYp1Q7cD3mHf8eKc4s0';
    expect(parseCommandArgs(command, ['https://news.example', '--key', key])).toEqual({
      values: { key },
      positionals: ['https://news.example'],
    });
    expect(parseCommandArgs(command, ['--key', key, '-q']).values).toEqual({ key, quiet: true });
  });

  it('still reads an option after a string option as an option, and refuses a missing value', () => {
    expect(parseCommandArgs(command, ['--key', 'abc', '--quiet']).values).toEqual({
      key: 'abc',
      quiet: true,
    });
    expect(() => parseCommandArgs(command, ['--key', '--quiet'])).toThrow(CliError);
    expect(() => parseCommandArgs(command, ['--key'])).toThrow(CliError);
    expect(() => parseCommandArgs(command, ['--nope'])).toThrow(/Unknown option/);
  });
});
