/** One message to one person: staff mail (invites, password resets), later newsletters. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where mail goes. Sending either hands the message on or throws; it never half-sends. */
export interface Mailer {
  /** 'smtp' when a server takes the mail, 'outbox' when it is kept as files for the owners. */
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
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
