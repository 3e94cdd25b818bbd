// Header fields from callers: a name is an RFC 5322 field name (printable ASCII, no colon), and a
// value never carries a line break, so nothing a subscriber typed can start a new header field.

const FIELD_NAME = /^[!-9;-~]+$/;
/** Fields the transport sets itself; a caller overriding them would forge the envelope. */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'message-id',
  'date',
  'sender',
  'dkim-signature',
]);

export function safeHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!FIELD_NAME.test(name) || RESERVED.has(name.toLowerCase())) {
      throw new Error(`mail header field name ${JSON.stringify(name.slice(0, 60))} is not allowed`);
    }
    out[name] = oneLine(value);
  }
  return out;
}

/** Control characters (CR, LF, NUL, ...) become spaces: a value stays on its header line. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** A recipient as nodemailer takes it, the display name on one line. */
export function safeRecipient(
  to: string | { name: string; address: string },
): string | { name: string; address: string } {
  if (typeof to === 'string') {
    if (/[\r\n]/.test(to)) throw new Error('a recipient address cannot contain a line break');
    return to;
  }
  if (/[\r\n<>]/.test(to.address)) throw new Error('a recipient address cannot contain a line break');
  return { name: oneLine(to.name), address: to.address };
}
