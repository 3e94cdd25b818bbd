import { redactAddresses } from '../../lib/redact-addresses.ts';

/**
 * What goes into `last_error` and the log: the message, not the stack (handlers name their cause),
 * without any e-mail address in it (a mail server's reply often quotes the recipient).
 */
export function describeError(error: unknown): string {
  return redactAddresses(error instanceof Error ? error.message || error.name : String(error));
}
