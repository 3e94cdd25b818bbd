// What a bounce or complaint says, whichever way it came in (the generic webhook, Amazon SES via
// SNS, a delivery status notification piped to the CLI): the subscribers module acts on these.

/** hard: the address does not exist (suppress); soft: try again later (counted); complaint: marked as spam. */
export type MailEventType = 'hard' | 'soft' | 'complaint';

export interface MailEvent {
  /** Unique per event and stable across replays: `provider:id`. */
  id: string;
  type: MailEventType;
  email: string;
  /** The Message-ID of the message that bounced, when known. */
  messageId?: string;
  /** The provider's reason (a status code, a diagnostic), kept short; never an address. */
  detail?: string;
}

/** A webhook or report that is not what it claims to be, or cannot be read. */
export class MailEventRejected extends Error {
  constructor(
    readonly reason: 'signature' | 'malformed' | 'not-configured',
    message: string,
  ) {
    super(message);
    this.name = 'MailEventRejected';
  }
}
