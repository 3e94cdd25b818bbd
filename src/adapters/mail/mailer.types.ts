/** One message to one person: staff mail (invites, password resets), newsletters. */
export interface MailMessage {
  /** An address, or a name and an address (the name is quoted and encoded, never trusted raw). */
  to: string | { name: string; address: string };
  subject: string;
  text: string;
  html?: string;
  /** Extra header fields (List-Unsubscribe, List-Id, ...). Names must be RFC 5322 field names. */
  headers?: Record<string, string>;
  /** `<unique@domain>`; default: a random one at MAIL_FROM's domain. */
  messageId?: string;
  /** Overrides MAIL_FROM for this message. */
  from?: string;
  /**
   * The same bodies as `text` and `html`, cut where shared parts meet personal ones (a
   * newsletter: the text between a name and two links). The SMTP transport encodes each
   * long piece once and reuses it for every recipient; `pieces.text.join('')` must equal `text`.
   */
  pieces?: { text: readonly string[]; html: readonly string[] };
}

export interface SendOptions {
  /**
   * The message is handed over only once this settles: everything but the end of DATA goes to
   * the server meanwhile, and the final "." waits (a newsletter records the previous acceptance
   * in the meantime, so no more than one accepted message is ever unrecorded). If it rejects,
   * the message is withdrawn unsent (the connection is dropped before its end) and send throws
   * a session error.
   */
  holdEndUntil?: Promise<unknown>;
}

/** Where mail goes. Sending either hands the message on or throws; it never half-sends. */
export interface Mailer {
  /** 'smtp' when a server takes the mail, 'outbox' when it is kept as files for the owners. */
  readonly kind: 'smtp' | 'outbox';
  /** Resolves once the server (or the outbox) accepted the message; throws a MailSendError otherwise. */
  send(message: MailMessage, options?: SendOptions): Promise<void>;
  /**
   * Removes every copy this transport keeps of mail to `address` (an erasure: the outbox's
   * files), and says how many messages went. An SMTP server keeps nothing here: 0.
   */
  forget(address: string): Promise<number>;
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
  html: string | null;
}

/** The messages kept in DATA_DIR/outbox when no SMTP server is configured, newest first. */
export interface Outbox {
  list(): Promise<OutboxEntry[]>;
  get(id: string): Promise<OutboxMessage | undefined>;
}
