// What went wrong handing a message on, in the terms a sender acts on: try again later
// (transient: 4xx replies, lost connections, timeouts) or never for this address (permanent:
// a 5xx reply to the recipient or the message).
import { redactAddresses } from '../../lib/redact-addresses.ts';

export class MailSendError extends Error {
  constructor(
    message: string,
    /** transient: retry later; permanent: this address will not take it. */
    readonly kind: 'transient' | 'permanent',
    /** The SMTP reply code when the server gave one. */
    readonly responseCode: number | undefined,
    /**
     * What the server refused: the recipient (RCPT TO: this address), the message (DATA), or
     * the session (connection, TLS, authentication: nothing to do with this address).
     */
    readonly stage: 'recipient' | 'message' | 'session' = 'session',
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** What our SMTP client (smtp-error.ts) says went wrong; nodemailer's errors had the same shape. */
interface SmtpFailure {
  responseCode?: number;
  response?: string;
  code?: string;
  command?: string;
  message?: string;
}

/**
 * An SMTP failure as a MailSendError. A 5xx reply is permanent; anything else (4xx, a
 * connection refused or dropped, a timeout, a TLS failure) is transient: the next attempt may
 * find the server well.
 */
export function toMailSendError(error: unknown): MailSendError {
  if (error instanceof MailSendError) return error;
  const e = (error ?? {}) as SmtpFailure;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  // The server's reply, without the address the server may quote: this text is kept (a
  // delivery's reason).
  const reply = redactAddresses(
    (e.response ?? e.code ?? 'mail server failure').replace(/[\r\n]+/g, ' '),
  ).slice(0, 300);
  // The command a reply answered: a refused RCPT TO is about this address, a
  // refused DATA about this message; a refused MAIL FROM or login is about us.
  const stage = e.command === 'RCPT TO' ? 'recipient' : e.command === 'DATA' ? 'message' : 'session';
  // A refused login or relay is the server's configuration, never the reader's address: transient.
  const permanent = code !== undefined && code >= 500 && code < 600 && stage !== 'session';
  return new MailSendError(reply, permanent ? 'permanent' : 'transient', code, stage);
}
