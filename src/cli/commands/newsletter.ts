import type { Command } from '../command.ts';
import { CliError } from '../command.ts';
import { boot } from '../boot.ts';
import { createProgress } from '../progress.ts';
import { NewsletterError, SEND_TASK, sendJobKey } from '../../modules/newsletters/index.ts';
import { systemActor } from '../../modules/staff/index.ts';

const usage = `Usage:
  samizdat newsletter list         the newsletters, one a line: slug, kind, recipients, name
  samizdat newsletter send SLUG    assemble the list's current issue and send it now (progress on
                                   stdout; safe to run again after an interruption: it carries on)

Mail goes to SMTP_URL (or the outbox in DATA_DIR/outbox/ without it), MAIL_CONCURRENCY messages at
once, at most MAIL_RATE_PER_SECOND a second.`;

const log = (level: string, message: string, fields?: Record<string, unknown>) =>
  console.error(`[newsletter] ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);

export const newsletterCommand: Command = {
  name: 'newsletter',
  summary: 'List the newsletters; send a list’s current issue now',
  usage,
  async run({ positionals }) {
    const [action, slug] = positionals;
    if (action !== 'list' && action !== 'send') throw new CliError(usage, 2);
    if (action === 'send' && !slug) throw new CliError('Usage: samizdat newsletter send SLUG', 2);
    const services = await boot({ log, changeFeed: false });
    try {
      if (action === 'list') {
        for (const l of await services.subscribers.lists()) {
          const count = await services.subscribers.countRecipients(l.id);
          console.log(`${l.slug}\t${l.kind}\t${count}\t${l.name}`);
        }
        return 0;
      }
      const progress = createProgress();
      const issue = await services.newsletters.currentIssue(slug!);
      const items = await services.newsletters.items(issue.id);
      progress.line(`Sending ${issue.slug} "${issue.subject}" (${items.length} articles)`);
      const started = performance.now();
      let total = 0;
      const outcome = await services.newsletters.send(systemActor, issue.id, {
        onBatch: () => {
          void services.newsletters.progress(issue.id).then((row) => {
            if (!row) return;
            total = row.total;
            progress.bar('sent', row.accepted + row.failed + row.deferred, total, started);
          });
        },
      });
      const row = await services.newsletters.progress(issue.id);
      if (row) progress.bar('sent', row.accepted + row.failed + row.deferred, row.total, started);
      if (outcome.state === 'waiting') {
        await services.jobs.enqueue(
          SEND_TASK,
          { issueId: issue.id },
          { key: sendJobKey(issue.id), runAt: outcome.until },
        );
      }
      if (outcome.state === 'busy') {
        progress.line('Another process is sending this issue; it carries on there.');
        return 1;
      }
      progress.line(
        `${outcome.state === 'done' ? 'Done' : `Waiting to retry until ${outcome.until.toISOString()} (the worker carries on)`}: ${row?.accepted ?? 0} accepted, ${row?.failed ?? 0} failed, ${row?.deferred ?? 0} to retry.`,
      );
      return 0;
    } catch (err) {
      if (err instanceof NewsletterError) throw new CliError(err.message);
      throw err;
    } finally {
      await services.close();
    }
  },
};
