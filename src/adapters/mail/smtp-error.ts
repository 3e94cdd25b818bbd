// A failure of the SMTP client, in the shape toMailSendError reads (mail-send-error.ts): the
// server's reply and its code when there was one, the command it answered, and for failures
// without a reply a code (ECONNECTION, ETIMEDOUT, ETLS, EAUTH, EPROTOCOL).

/** The commands a reply can answer, as toMailSendError names them. */
export type SmtpCommand =
  | 'CONN'
  | 'EHLO'
  | 'HELO'
  | 'STARTTLS'
  | 'AUTH PLAIN'
  | 'AUTH LOGIN'
  | 'MAIL FROM'
  | 'RCPT TO'
  | 'DATA'
  | 'RSET';

export class SmtpError extends Error {
  constructor(
    message: string,
    readonly command: SmtpCommand,
    readonly code: string,
    /** The reply's text, code first (absent when the connection failed without one). */
    readonly response?: string,
    readonly responseCode?: number,
    /**
     * Nothing of the message had been written when this happened (no DATA content): the server
     * cannot have taken it, so it may be sent again on another connection at no risk of a copy.
     */
    readonly beforeData = false,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}
