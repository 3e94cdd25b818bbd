// Mail servers quote the recipient in their replies ("550 5.1.1 <reader@example.org>: User
// unknown"), and those replies end up in places kept at rest and in the log (a delivery's reason,
// a job's last error). The address itself is personal data we keep only sealed, so it is cut out
// wherever such text is stored; the rest of the reply still says what went wrong.

const ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@]+/g;

export const REDACTED_ADDRESS = '[address]';

/** `text` with every e-mail address in it replaced by "[address]". */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, REDACTED_ADDRESS);
}
