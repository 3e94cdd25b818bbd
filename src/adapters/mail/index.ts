// Mail: a small type with two transports. SMTP when SMTP_URL is set; otherwise the outbox, .eml
// files in DATA_DIR/outbox/ that the admin lists for owners.
export type { MailMessage, Mailer, Outbox, OutboxEntry, OutboxMessage } from './mailer.types.ts';
export { createOutboxMailer } from './outbox-mailer.ts';
export { createSmtpMailer } from './smtp-mailer.ts';
