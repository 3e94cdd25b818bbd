// An unsubscribe request that arrived as mail: the List-Unsubscribe mailto of a newsletter
// (RFC 2369) writes to MAIL_FROM with the subject "unsubscribe TOKEN". The MTA hands the message
// to `samizdat mail inbound` (a pipe transport); this finds the signed token in it. Where the MTA
// uses plus addressing instead (unsubscribe+TOKEN@…), the token in the recipient address counts
// too. Whether the token is genuine is for the subscribers module to decide.

const TOKEN = '[A-Za-z0-9_-]{8,400}\\.[A-Za-z0-9_-]{8,100}';
const IN_SUBJECT = new RegExp(`(?:^|[\\s:])unsubscribe\\s+(${TOKEN})(?:\\s|$)`, 'i');
const IN_ADDRESS = new RegExp(`(?:^|[<\\s,])unsubscribe[+](${TOKEN})@`, 'i');

/** The header fields of an RFC 5322 message, names lower-cased, folded lines unfolded. */
export function headerFields(raw: Buffer | string): Map<string, string[]> {
  const text = typeof raw === 'string' ? raw : raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string[]>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** RFC 2047 encoded words (a client may encode a subject it did not write). */
function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g,
    (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
  );
}

/** The unsubscribe token a message carries in its subject or recipient address; undefined if none. */
export function unsubscribeToken(raw: Buffer | string): string | undefined {
  const fields = headerFields(raw);
  for (const subject of fields.get('subject') ?? []) {
    const match = IN_SUBJECT.exec(decodeWords(subject));
    if (match) return match[1];
  }
  for (const name of ['to', 'delivered-to', 'x-original-to', 'envelope-to']) {
    for (const value of fields.get(name) ?? []) {
      const match = IN_ADDRESS.exec(` ${value}`);
      if (match) return match[1];
    }
  }
  return undefined;
}
