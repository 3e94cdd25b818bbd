import { domainToASCII } from 'node:url';

/** Why an address was refused: each says what to fix, none reveals anything stored. */
export type AddressProblem =
  'empty' | 'too-long' | 'control-characters' | 'malformed' | 'local-part' | 'domain' | 'reserved-domain';

export type AddressCheck = { ok: true; email: string } | { ok: false; problem: AddressProblem };

/** RFC 5321: 254 characters for a whole path, 64 for the local part, 63 for a domain label. */
export const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

// The characters of an unquoted local part (RFC 5322 atext), dots between atoms.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Domains that never receive mail (RFC 2606, RFC 6761) or exist for examples: an address there is
 * a typo or a test, never a reader.
 */
const RESERVED_TOP_LEVEL = new Set(['test', 'example', 'invalid', 'localhost', 'local', 'internal']);
const RESERVED_DOMAINS = new Set(['example.com', 'example.net', 'example.org']);

/**
 * The one form of an address we store, hash and mail: trimmed, the domain in ASCII (an
 * internationalised domain as punycode), everything lower-cased so one mailbox has one hash.
 * Refuses control characters (a CR/LF would inject mail headers), quoted or non-ASCII local
 * parts, IP-literal and reserved domains, and anything longer than SMTP allows.
 */
export function normaliseAddress(input: string): AddressCheck {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(input))
    return { ok: false, problem: 'control-characters' };
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length > MAX_ADDRESS_LENGTH) return { ok: false, problem: 'too-long' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1 || /\s/.test(text)) return { ok: false, problem: 'malformed' };
  const local = text.slice(0, at);
  const domainInput = text.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return { ok: false, problem: 'local-part' };
  if (domainInput.startsWith('[')) return { ok: false, problem: 'domain' };
  const domain = domainToASCII(domainInput.toLowerCase().replace(/\.$/, ''));
  if (!domain) return { ok: false, problem: 'domain' };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TOP_LEVEL.test(labels.at(-1)!)) {
    return { ok: false, problem: 'domain' };
  }
  if (RESERVED_TOP_LEVEL.has(labels.at(-1)!) || RESERVED_DOMAINS.has(labels.slice(-2).join('.'))) {
    return { ok: false, problem: 'reserved-domain' };
  }
  const email = `${local.toLowerCase()}@${domain}`;
  if (email.length > MAX_ADDRESS_LENGTH) return { ok: false, problem: 'too-long' };
  return { ok: true, email };
}

/** A display name for mail headers: control characters and angle brackets dropped, 100 characters. */
export function cleanSubscriberName(input: string | undefined | null): string | null {
  if (input == null) return null;
  const name = input
    // eslint-disable-next-line no-control-regex -- dropping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029<>"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return name === '' ? null : name;
}
