// Mail: a small type with two transports. SMTP when SMTP_URL is set (several servers form a
// pool; DKIM-signed when configured); otherwise the outbox, .eml files in DATA_DIR/outbox/
// that the admin lists for owners.
export type { MailMessage, Mailer, Outbox, OutboxEntry, OutboxMessage, SendOptions } from './mailer.types.ts';
export { createOutboxMailer } from './outbox-mailer.ts';
export { createSmtpMailer, type DkimKey, type SmtpMailerOptions } from './smtp-mailer.ts';
export { createComposer, type ComposedMessage } from './mime-message.ts';
export { encodeQuotedPrintable } from './quoted-printable.ts';
export { loadDkimKey } from './dkim-key.ts';
export { MailSendError, toMailSendError } from './mail-send-error.ts';
export { oneLine } from './safe-headers.ts';
export { MailEventRejected, type MailEvent, type MailEventType } from './mail-event.ts';
export {
  GENERIC_SIGNATURE_HEADER,
  genericMailEventSchema,
  parseGenericWebhook,
  signGenericBody,
} from './generic-webhook.ts';
export { createSnsVerifier, snsHostPattern, type SnsEnvelope, type SnsVerifier } from './sns-message.ts';
export { sesEvents } from './ses-notification.ts';
export { parseDsn } from './dsn-report.ts';
export { unsubscribeToken } from './unsubscribe-request.ts';
