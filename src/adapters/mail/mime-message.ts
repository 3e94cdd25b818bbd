// One MailMessage as the bytes an SMTP server receives (RFC 5322 + MIME), written directly rather
// than through nodemailer's composer: a newsletter is the same 40 KB for every reader but a name
// and two links, so the shared pieces are encoded once (quoted-printable.ts) and each message is
// a join, a SHA-256 and a signature.
import { randomBytes, randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { canonicalBodyHash, type DkimSigner, type HeaderField } from './dkim-signer.ts';
import type { MailMessage } from './mailer.types.ts';
import { oneLine, safeHeaders } from './safe-headers.ts';
import { encodePieces } from './quoted-printable.ts';

export interface ComposedMessage {
  /** The SMTP envelope. */
  envelope: { from: string; to: string };
  /** Header and body, CRLF line breaks, ready for DATA (the transport dot-stuffs). */
  chunks: string[];
}

/** A mailbox: `Name <local@domain>` or `local@domain`. */
interface Mailbox {
  name: string;
  address: string;
}

const ASCII_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
/** A phrase that needs no quoting (RFC 5322 atext and spaces). */
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/;

export class UnsendableAddress extends Error {}

/** `local@domain` with the domain in ASCII (punycode); a non-ASCII local part needs SMTPUTF8. */
function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = at > 0 ? domainToASCII(address.slice(at + 1)) : '';
  if (at <= 0 || !ASCII_LOCAL.test(local) || !domain) {
    throw new UnsendableAddress('this address cannot be written without SMTPUTF8');
  }
  return `${local}@${domain}`;
}

export function parseMailbox(text: string): Mailbox {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(text);
  if (!match) return { name: '', address: text.trim() };
  return { name: match[1]!.replace(/^"(.*)"$/, '$1'), address: match[2]! };
}

/** RFC 2047 encoded words (base64, at most 75 characters each), whole characters per word. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`);
}

function phrase(name: string): string {
  const clean = oneLine(name);
  if (PLAIN_PHRASE.test(clean)) return clean;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}"`;
  return encodedWords(clean).join('\r\n ');
}

function mailbox(box: Mailbox): string {
  const address = asciiAddress(box.address);
  return box.name ? `${phrase(box.name)} <${address}>` : address;
}

/** An unstructured value folded at spaces, or encoded words when it is not ASCII. */
function unstructured(value: string): string {
  const clean = oneLine(value);
  if (!/^[\x20-\x7e]*$/.test(clean)) return encodedWords(clean).join('\r\n ');
  return fold(clean);
}

/** Folds before spaces so no line passes 78 characters where a space allows it. */
function fold(value: string, room = 66): string {
  if (value.length <= room) return value;
  let out = '';
  let line = '';
  for (const word of value.split(' ')) {
    if (line && line.length + 1 + word.length > room) {
      out += `${line}\r\n `;
      line = word;
      room = 76;
    } else line = line ? `${line} ${word}` : word;
  }
  return out + line;
}

/** A caller's header value: List-Unsubscribe one URI a line, a phrase before <…> encoded when not ASCII. */
function headerValue(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) {
    return name.toLowerCase() === 'list-unsubscribe' ? value.replace(/>\s*,\s*</g, '>,\r\n <') : fold(value);
  }
  const angle = /^(.*?)\s*(<[\x21-\x7e]*>)$/.exec(value);
  return angle ? `${phrase(angle[1]!)} ${angle[2]}` : unstructured(value);
}

let dateSecond = -1;
let dateText = '';
/** RFC 5322 date, UTC; the same string for a whole second. */
function dateHeader(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString().replace(/GMT$/, '+0000');
  }
  return dateText;
}

export interface Composer {
  /** Rejects with UnsendableAddress for an address SMTP cannot carry without SMTPUTF8. */
  compose(message: MailMessage): Promise<ComposedMessage>;
}

export function createComposer(from: string, signer?: DkimSigner): Composer {
  const defaultFrom = parseMailbox(from);
  // "=_" never occurs in quoted-printable (an "=" is followed by hex digits or a line break).
  const boundary = `=_samizdat_${randomBytes(9).toString('base64url')}`;
  const cache = new Map<string, string>();
  const partHead = (type: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
  return {
    async compose(message) {
      const sender = message.from ? parseMailbox(message.from) : defaultFrom;
      const to = typeof message.to === 'string' ? { name: '', address: message.to } : message.to;
      if (/[\r\n<>]/.test(to.address)) throw new Error('a recipient address cannot contain a line break');
      const fromDomain = asciiAddress(sender.address).split('@')[1]!;
      const fields: HeaderField[] = [
        ['From', mailbox(sender)],
        ['To', mailbox(to)],
        ['Subject', unstructured(message.subject)],
        ['Date', dateHeader()],
        ['Message-ID', message.messageId ? oneLine(message.messageId) : `<${randomUUID()}@${fromDomain}>`],
        ['MIME-Version', '1.0'],
      ];
      for (const [name, value] of Object.entries(safeHeaders(message.headers))) {
        fields.push([name, headerValue(name, value)]);
      }
      const text = encodePieces(message.pieces?.text ?? [message.text], message.pieces ? cache : undefined);
      let body: string[];
      if (message.html === undefined && !message.pieces) {
        fields.push(
          ['Content-Type', 'text/plain; charset=utf-8'],
          ['Content-Transfer-Encoding', 'quoted-printable'],
        );
        body = text.length > 0 ? text : ['\r\n'];
      } else {
        const html = encodePieces(
          message.pieces?.html ?? [message.html ?? ''],
          message.pieces ? cache : undefined,
        );
        fields.push(['Content-Type', `multipart/alternative;\r\n boundary="${boundary}"`]);
        body = [
          partHead('text/plain'),
          ...(text.length > 0 ? text : ['\r\n']),
          partHead('text/html'),
          ...(html.length > 0 ? html : ['\r\n']),
          `--${boundary}--\r\n`,
        ];
      }
      const head = fields.map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const signatures = signer ? await signer.signatures(fields, canonicalBodyHash(body)) : '';
      return {
        envelope: { from: asciiAddress(sender.address), to: asciiAddress(to.address) },
        chunks: [signatures, head, '\r\n', ...body],
      };
    },
  };
}
