import { readFile, stat } from 'node:fs/promises';
import { CliError, type Command } from '../command.ts';
import { boot } from '../boot.ts';
import { createProgress } from '../progress.ts';
import { SOS_MAX_BYTES, sosText } from '../../modules/mirrors/index.ts';

const usage = `Usage: samizdat sos send --message FILE [--subject TEXT] [--dry-run]

Sends FILE (plain UTF-8 text, at most ${SOS_MAX_BYTES / 1024} KiB) with the current mirror list to every
confirmed subscriber of every newsletter, once each even when on several lists (paused and
suppressed addresses are left out), with each person's unsubscribe links. Needs only the database
and SMTP_URL (works while the web process is down).

Durable and resumable: run the same command again after an interruption and it carries on where
it stopped; nobody gets the letter twice. The same text is the same letter: to send another
letter, change the text.

  --dry-run        print how many people it would go to, send nothing
  --subject TEXT   the subject (default: "<publication>: how to reach us")`;

const log = (level: string, message: string, fields?: Record<string, unknown>) =>
  console.error(`[sos] ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);

async function readLetter(file: string): Promise<string> {
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  if (!info.isFile()) throw new CliError(`cannot read ${file}: not a file`);
  // Checked before reading: a huge file (a disk image given by mistake) is never loaded.
  if (info.size > SOS_MAX_BYTES) {
    throw new CliError(
      `${file} is ${info.size} bytes; an SOS letter is plain text of at most ${SOS_MAX_BYTES} bytes. Nothing was sent.`,
    );
  }
  const bytes = await readFile(file).catch((err: Error) => {
    throw new CliError(`cannot read ${file}: ${err.message}`);
  });
  const checked = sosText(bytes);
  if (!checked.ok) throw new CliError(`${file} ${checked.problem}. Nothing was sent.`);
  return checked.text;
}

export const sosCommand: Command = {
  name: 'sos',
  summary: 'Send an emergency letter with the mirror list to every subscriber (sos send)',
  usage,
  options: {
    message: { type: 'string' },
    subject: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run({ positionals, values }) {
    if (positionals[0] !== 'send' || positionals.length > 1 || typeof values.message !== 'string') {
      throw new CliError(usage, 2);
    }
    const subject =
      typeof values.subject === 'string' ? values.subject.replace(/\s+/g, ' ').trim() : undefined;
    if (subject !== undefined && (subject === '' || subject.length > 200)) {
      throw new CliError('--subject must be 1 to 200 characters', 2);
    }
    const text = await readLetter(values.message);
    const services = await boot({ log, changeFeed: false });
    try {
      const sos = services.sos;
      const count = await sos.recipients();
      const before = await sos.progress(text);
      if (values['dry-run']) {
        console.log(
          `Would send to ${count} ${count === 1 ? 'person' : 'people'} (each once), with ${services.mirrors.list().length} mirror list entries.` +
            (before
              ? ` This letter was ${before.status === 'done' ? 'sent' : 'started'} on ${before.startedAt}: ${before.accepted} accepted so far.`
              : ''),
        );
        return 0;
      }
      if (before?.status === 'done') {
        console.log(
          `This letter was already sent (finished ${before.finishedAt}): ${before.accepted} accepted, ${before.failed} failed. Nobody was written to again; change the text to send a new letter.`,
        );
        return 0;
      }
      if (count === 0 && !before) {
        throw new CliError('there are no confirmed subscribers: nobody was written to');
      }
      const progress = createProgress();
      progress.line(
        before
          ? `Carrying on the letter started ${before.startedAt} (${before.accepted} accepted so far)`
          : `Sending to ${count} ${count === 1 ? 'person' : 'people'} through ${services.mailer.kind === 'smtp' ? 'SMTP' : 'the outbox (no SMTP_URL set)'}`,
      );
      const started = performance.now();
      const show = async () => {
        const row = await sos.progress(text);
        if (row) progress.bar('sent', row.accepted + row.failed + row.deferred, row.total, started);
        return row;
      };
      let outcome = await sos.send(text, { ...(subject ? { subject } : {}), onBatch: () => void show() });
      if (outcome.state === 'busy') {
        progress.line(
          'Another run holds this letter: waiting until it finishes, or, if it was stopped, until its hold lapses (a few seconds).',
        );
      }
      while (outcome.state === 'busy') {
        await new Promise((r) => setTimeout(r, 1000));
        outcome = await sos.send(text, { ...(subject ? { subject } : {}), onBatch: () => void show() });
      }
      const row = await show();
      const totals = `${row?.accepted ?? 0} accepted, ${row?.failed ?? 0} failed, ${row?.deferred ?? 0} to retry`;
      if (outcome.state === 'waiting') {
        progress.line(
          `Sent for now: ${totals}. Run the same command again after ${outcome.until.toISOString()} to retry the rest.`,
        );
        return 0;
      }
      progress.line(`Done: ${totals}.`);
      return 0;
    } finally {
      await services.close();
    }
  },
};
