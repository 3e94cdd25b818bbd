// Staff and reader mail: SMTP when SMTP_URL is set, otherwise the outbox in DATA_DIR.
import { join } from 'node:path';
import { createOutboxMailer, createSmtpMailer, type Mailer, type Outbox } from '../adapters/mail/index.ts';
import type { loadDkimKey } from '../adapters/mail/index.ts';
import type { Context } from './context.ts';

export function buildMail(
  { config, dataDir }: Context,
  dkim: ReturnType<typeof loadDkimKey>,
): { mailer: Mailer; outbox: Outbox | null; mailFrom: string; close(): void } {
  const mailFrom = config.MAIL_FROM || `samizdat@${new URL(config.SITE_URL).hostname}`;
  const smtp = config.SMTP_URL
    ? createSmtpMailer(config.SMTP_URL, mailFrom, {
        connections: config.MAIL_CONCURRENCY,
        ...(dkim ? { dkim } : {}),
      })
    : undefined;
  const outboxMailer = smtp ? undefined : createOutboxMailer(join(dataDir, 'outbox'), mailFrom);
  return {
    mailer: smtp ?? outboxMailer!,
    outbox: outboxMailer?.outbox ?? null,
    mailFrom,
    close: () => smtp?.close(),
  };
}
