import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.types.ts';
import { MailSendError, toMailSendError } from './mail-send-error.ts';
import { createDkimSigner, type DkimKey } from './dkim-signer.ts';
import { createComposer, UnsendableAddress } from './mime-message.ts';

export { DKIM_SIGNED_HEADERS, type DkimKey } from './dkim-signer.ts';

export interface SmtpMailerOptions {
  /** Sign every message with each of these keys (an RSA key, optionally an Ed25519 one beside it). */
  dkim?: DkimKey | readonly DkimKey[];
  /** Connections open at once, over all servers of the pool. Default 5. */
  connections?: number;
}

/**
 * Mail handed to the SMTP server(s) in `urls` (smtp:// or smtps://, credentials in the URL;
 * several separated by commas). We write and sign each message ourselves (mime-message.ts,
 * dkim-signer.ts) and give nodemailer the finished bytes: it only speaks SMTP. Each server gets a
 * nodemailer pool whose connections stay open for any number of messages (`maxMessages:
 * Infinity`: a newsletter is not slowed by reconnecting every 100 messages); messages go
 * round-robin over the servers.
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
  const keys = options.dkim === undefined ? [] : Array.isArray(options.dkim) ? options.dkim : [options.dkim];
  const composer = createComposer(from, keys.length > 0 ? createDkimSigner(keys as DkimKey[]) : undefined);
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
    });
  });
  let next = 0;
  return {
    kind: 'smtp',
    async send(message: MailMessage) {
      const transport = transports[next]!;
      next = (next + 1) % transports.length;
      let composed;
      try {
        composed = composer.compose(message);
      } catch (error) {
        if (error instanceof UnsendableAddress)
          throw new MailSendError(error.message, 'permanent', undefined, 'recipient');
        throw error;
      }
      try {
        await transport.sendMail({
          envelope: { from: composed.envelope.from, to: [composed.envelope.to] },
          raw: composed.chunks.join(''),
        });
      } catch (error) {
        throw toMailSendError(error);
      }
    },
    // Mail handed to a server is the server's; nothing is kept here to forget.
    forget: async () => 0,
    close: () => {
      for (const t of transports) t.close();
    },
  };
}
