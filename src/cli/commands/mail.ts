import type { Services } from '../../container.ts';
import { MailEventRejected, parseDsn, unsubscribeToken } from '../../adapters/mail/index.ts';
import { boot } from '../boot.ts';
import type { Command } from '../command.ts';
import { CliError } from '../command.ts';

const usage = `Usage:
  samizdat mail dsn < FILE.eml        take in a bounce report returned to MAIL_FROM
  samizdat mail inbound < FILE.eml    take in mail written to MAIL_FROM (unsubscribe requests)

mail inbound: the List-Unsubscribe mailto of every newsletter writes to MAIL_FROM with the
subject "unsubscribe TOKEN" (the token is signed, per reader and list). An MTA pipes each such
message here (an aliases or .forward entry, a pipe transport); the reader leaves that list.
The same message piped twice changes nothing more. Exits 1, changing nothing, when the message
carries no unsubscribe token or one that is not genuine (tampered, or for an erased reader).

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

/** `mail inbound`: an unsubscribe request by mail; the line it prints names the list, never the reader. */
export async function takeInbound(
  services: Pick<Services, 'subscribers'>,
  raw: Buffer,
  print: (line: string) => void,
): Promise<void> {
  const token = unsubscribeToken(raw);
  if (!token) {
    throw new CliError(
      'This message is not an unsubscribe request (no "unsubscribe TOKEN" subject): nothing was changed.',
    );
  }
  const { preferences } = services.subscribers;
  const list = await preferences.unsubscribeTarget(token);
  if (!list || !(await preferences.unsubscribe(token, 'mailto'))) {
    throw new CliError(
      'The unsubscribe token in this message is not valid (altered, or its reader is gone): nothing was changed.',
    );
  }
  print(`Unsubscribed from "${list.name}" (${list.slug}).`);
}

export const mailCommand: Command = {
  name: 'mail',
  summary: 'Take in mail piped from the mailbox of MAIL_FROM: bounce reports (DSN), unsubscribe requests',
  usage,
  async run({ positionals }) {
    const verb = positionals[0];
    if ((verb !== 'dsn' && verb !== 'inbound') || positionals.length > 1) throw new CliError(usage, 2);
    const raw = await readAll(process.stdin);
    if (raw.length === 0) throw new CliError(`nothing on standard input\n\n${usage}`, 2);
    const services = await boot();
    try {
      if (verb === 'dsn') await takeDsn(services, raw, (line) => console.log(line));
      else await takeInbound(services, raw, (line) => console.log(line));
      return 0;
    } finally {
      await services.close();
    }
  },
};
