import type { Transporter } from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.types.ts';

/**
 * Mail handed to the SMTP server at `url` (smtp:// or smtps://, credentials in the URL). nodemailer
 * (a hundred modules) loads with the first message: most processes never send one.
 */
export function createSmtpMailer(url: string, from: string): Mailer & { close(): void } {
  let transport: Promise<Transporter> | undefined;
  let open: Transporter | undefined;
  const connect = () =>
    (transport ??= import('nodemailer').then(
      ({ default: nodemailer }) => (open = nodemailer.createTransport(url)),
    ));
  return {
    kind: 'smtp',
    async send(message: MailMessage) {
      await (await connect()).sendMail({ from, ...message });
    },
    close: () => open?.close(),
  };
}
