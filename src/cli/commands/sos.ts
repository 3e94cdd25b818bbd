import { readFile } from 'node:fs/promises';
import { CliError, type Command } from '../command.ts';

const usage = `Usage: samizdat sos send --message FILE

Sends FILE (plain text) with the current mirror list to every confirmed subscriber of every
newsletter, using only the database and SMTP (works while the web process is down); durable and
resumable: run it again after an interruption and nobody gets it twice.`;

/**
 * Who an SOS letter goes to. The seam where the subscribers module (newsletters, issue 11) plugs
 * in; until it is part of this build there is nobody to write to.
 */
export interface SosRecipients {
  available: boolean;
}

const recipients: SosRecipients = { available: false };

export const sosCommand: Command = {
  name: 'sos',
  summary: 'Send an emergency letter with the mirror list to every subscriber (sos send)',
  usage,
  options: { message: { type: 'string' } },
  async run({ positionals, values }) {
    if (positionals[0] !== 'send' || positionals.length > 1 || typeof values.message !== 'string') {
      throw new CliError(usage, 2);
    }
    const text = await readFile(values.message, 'utf8').catch((err: Error) => {
      throw new CliError(`cannot read ${values.message as string}: ${err.message}`);
    });
    if (text.trim() === '') throw new CliError(`${values.message} is empty: nothing to send`);
    if (!recipients.available) {
      throw new CliError(
        'there are no subscribers yet: newsletters are not part of this build, so nobody was written to',
      );
    }
    return 0;
  },
};
