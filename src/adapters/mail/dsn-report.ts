import { createHash } from 'node:crypto';
import { MailEventRejected, type MailEvent } from './mail-event.ts';

// A delivery status notification (RFC 3464) as a relay returns it to MAIL_FROM: a
// multipart/report whose message/delivery-status part has one block per recipient. Status 5.x.x
// is a hard bounce, 4.x.x a soft one; 2.x.x and Action delivered/relayed/expanded are not
// bounces. The address is Original-Recipient (what we sent to) or else Final-Recipient.

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Header block (folded lines joined) and body, split at the first empty line. */
function splitPart(text: string): Part {
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const body = match ? text.slice(match.index + match[0].length) : '';
  return { headers: parseFields(head), body };
}

/** `Name: value` lines, continuation lines unfolded; names lower-cased, the first one wins. */
function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let name: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name) {
      fields.set(name, `${fields.get(name)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      name = undefined;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    name = fields.has(key) ? undefined : key;
    if (name) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

function contentType(part: Part): { type: string; boundary?: string } {
  const value = part.headers.get('content-type') ?? 'text/plain';
  const type = value.split(';')[0]!.trim().toLowerCase();
  const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(value);
  const b = boundary?.[1] ?? boundary?.[2];
  return b ? { type, boundary: b } : { type };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return part.body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return part.body;
}

function children(part: Part, boundary: string): Part[] {
  const delimiter = `--${boundary}`;
  const pieces = part.body.split(
    new RegExp(`\\r?\\n?${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`),
  );
  // The preamble before the first delimiter and the epilogue after the last are not parts.
  return pieces.slice(1, -1).map(splitPart);
}

function findDeliveryStatus(part: Part, depth = 0): Part | undefined {
  const { type, boundary } = contentType(part);
  if (type === 'message/delivery-status' || type === 'message/global-delivery-status') return part;
  if (!boundary || depth > 4) return undefined;
  for (const child of children(part, boundary)) {
    const found = findDeliveryStatus(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `rfc822; reader@example.org` → reader@example.org */
function address(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field;
  const email = value.trim().replace(/^<|>$/g, '');
  return email || undefined;
}

/** The bounces a DSN reports; an email that is not a DSN is refused with a reason. */
export function parseDsn(raw: Buffer | string): MailEvent[] {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  const top = splitPart(text);
  const { type } = contentType(top);
  if (type !== 'multipart/report')
    throw new MailEventRejected('malformed', `not a delivery status notification (Content-Type ${type})`);
  const status = findDeliveryStatus(top);
  if (!status) throw new MailEventRejected('malformed', 'the report has no message/delivery-status part');
  // Per-message fields, then one block per recipient, separated by empty lines.
  const blocks = decodeBody(status)
    .split(/\r?\n[ \t]*\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map(parseFields);
  const reportId =
    top.headers.get('message-id')?.replace(/[<>\s]/g, '') || createHash('sha256').update(text).digest('hex');
  const events: MailEvent[] = [];
  blocks.forEach((fields, i) => {
    const email = address(fields.get('original-recipient')) ?? address(fields.get('final-recipient'));
    const code = /^([245])\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '');
    if (!email || !code) return; // the per-message block, or a recipient without a status
    const action = (fields.get('action') ?? '').toLowerCase();
    if (code[1] === '2' || ['delivered', 'relayed', 'expanded'].includes(action)) return;
    // Only the status code: a diagnostic text often quotes the address, and details are stored.
    events.push({
      id: `dsn:${reportId}:${i}`,
      type: code[1] === '5' ? 'hard' : 'soft',
      email,
      detail: `DSN ${code[0]}`,
    });
  });
  return events;
}
