import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.types.ts';
import { toMailSendError } from './mail-send-error.ts';
import { safeHeaders, safeRecipient } from './safe-headers.ts';

export interface DkimKey {
  domainName: string;
  keySelector: string;
  /** PEM. */
  privateKey: string;
}

/**
 * The headers a DKIM signature covers: nodemailer's default list plus List-Unsubscribe-Post,
 * which RFC 8058 requires signed (a receiver offers one-click unsubscribe only then).
 */
export const DKIM_SIGNED_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:' +
  'Content-Transfer-Encoding:Content-ID:Content-Description:Resent-Date:Resent-From:' +
  'Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:List-Id:' +
  'List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:List-Archive';

export interface SmtpMailerOptions {
  /** Sign every message (nodemailer's DKIM signer). */
  dkim?: DkimKey;
  /** Connections open at once, over all servers of the pool. Default 5. */
  connections?: number;
}

/**
 * Mail handed to the SMTP server(s) in `urls` (smtp:// or smtps://, credentials in the URL;
 * several separated by commas). Each server gets a nodemailer pool whose connections stay open
 * for any number of messages (`maxMessages: Infinity`: a newsletter is not slowed by
 * reconnecting every 100 messages); messages go round-robin over the servers.
 */
export function createSmtpMailer(
  urls: string,
  from: string,
  options: SmtpMailerOptions = {},
): Mailer & { close(): void } {
  const list = urls
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error('SMTP_URL names no server');
  const total = Math.max(1, options.connections ?? 5);
  // Loaded only where mail goes to SMTP servers (the outbox needs none of it).
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  const transports: Transporter[] = list.map((url, i) => {
    const parsed = new URL(url);
    // The pool's connections shared out over the servers, every server at least one.
    const maxConnections = Math.max(1, Math.floor(total / list.length) + (i < total % list.length ? 1 : 0));
    return nodemailer.createTransport({
      host: decodeURIComponent(parsed.hostname).replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : parsed.protocol === 'smtps:' ? 465 : 587,
      secure: parsed.protocol === 'smtps:',
      ...(parsed.username
        ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
        : {}),
      // ?tls.rejectUnauthorized=false and friends are not read: a URL's query is ignored.
      pool: true,
      maxConnections,
      maxMessages: Infinity,
      ...(options.dkim ? { dkim: { ...options.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
    });
  });
  let next = 0;
  return {
    kind: 'smtp',
    async send(message: MailMessage) {
      const transport = transports[next]!;
      next = (next + 1) % transports.length;
      const { headers, messageId, from: ownFrom, to, ...rest } = message;
      try {
        await transport.sendMail({
          ...rest,
          from: ownFrom ?? from,
          to: safeRecipient(to),
          headers: safeHeaders(headers),
          ...(messageId ? { messageId } : {}),
        });
      } catch (error) {
        throw toMailSendError(error);
      }
    },
    close: () => {
      for (const t of transports) t.close();
    },
  };
}
