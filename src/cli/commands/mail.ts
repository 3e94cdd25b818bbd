import type { Services } from '../../container.ts';
import { MailEventRejected, parseDsn } from '../../adapters/mail/index.ts';
import { boot } from '../boot.ts';
import type { Command } from '../command.ts';
import { CliError } from '../command.ts';

const usage = `Usage:
  samizdat mail dsn < FILE.eml    take in a bounce report returned to MAIL_FROM

The input is one delivery status notification (RFC 3464, multipart/report with a
message/delivery-status part), as a mail program saves it or a .forward / procmail rule pipes
it. Status 5.x.x suppresses the address (a hard bounce); 4.x.x counts a soft bounce
(NEWSLETTER_SOFT_BOUNCE_LIMIT in a row suppress it). The same report piped twice counts once.
Exits 1 when the input is not a delivery status notification (nothing is changed).`;

const INPUT_LIMIT = 10 * 1024 * 1024;

async function readAll(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > INPUT_LIMIT) throw new CliError('the report is larger than 10 MB: not a bounce report');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** `mail dsn`: parses the report and applies its bounces; the lines it prints never name an address. */
export async function takeDsn(
  services: Pick<Services, 'subscribers'>,
  raw: Buffer,
  print: (line: string) => void,
): Promise<{ hard: number; soft: number; duplicates: number; unknown: number }> {
  let events;
  try {
    events = parseDsn(raw);
  } catch (err) {
    if (err instanceof MailEventRejected) throw new CliError(err.message);
    throw err;
  }
  const outcomes = await services.subscribers.mailEvents.take(events);
  const sum = { hard: 0, soft: 0, duplicates: 0, unknown: 0 };
  outcomes.forEach((outcome, i) => {
    if (outcome === 'duplicate') sum.duplicates++;
    else if (outcome === 'unknown-address') sum.unknown++;
    else sum[events[i]!.type === 'hard' ? 'hard' : 'soft']++;
  });
  print(
    `Bounces: ${sum.hard} hard, ${sum.soft} soft; ${sum.duplicates} already taken in, ${sum.unknown} not a subscriber.`,
  );
  return sum;
}

export const mailCommand: Command = {
  name: 'mail',
  summary: 'Take in bounce reports (DSN) piped from the mailbox of MAIL_FROM',
  usage,
  async run({ positionals }) {
    if (positionals[0] !== 'dsn' || positionals.length > 1) throw new CliError(usage, 2);
    const raw = await readAll(process.stdin);
    if (raw.length === 0) throw new CliError(`nothing on standard input\n\n${usage}`, 2);
    const services = await boot();
    try {
      await takeDsn(services, raw, (line) => console.log(line));
      return 0;
    } finally {
      await services.close();
    }
  },
};
