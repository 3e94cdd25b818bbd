// An SOS letter (`samizdat sos send`): the newsroom's own words, then the ways to reach it while
// its site is blocked, then each recipient's way out. Plain text only: it must read the same in
// every mail client, with images off and through the most hostile filter. Pure: no I/O.
import { createHash } from 'node:crypto';
import type { MailMessage } from '../../adapters/mail/index.ts';
import type { MirrorEntry } from '../../lib/mirror-entries.ts';

/** Larger than any letter a person writes; a file past it is the wrong file. */
export const SOS_MAX_BYTES = 64 * 1024;

export type SosTextCheck = { ok: true; text: string } | { ok: false; problem: string };

/** The message file's bytes as a letter, or what is wrong with them (said to the operator). */
export function sosText(bytes: Buffer): SosTextCheck {
  if (bytes.length > SOS_MAX_BYTES) {
    return {
      ok: false,
      problem: `is ${bytes.length} bytes; an SOS letter is plain text of at most ${SOS_MAX_BYTES} bytes`,
    };
  }
  if (bytes.includes(0)) return { ok: false, problem: 'is not plain text (it holds NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'is not UTF-8 text' };
  }
  // Other control characters than tab and line ends: a binary file that happens to decode.
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    return { ok: false, problem: 'is not plain text (it holds control characters)' };
  }
  text = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .trimEnd();
  if (text.trim() === '') return { ok: false, problem: 'is empty: nothing to send' };
  return { ok: true, text };
}

/** The letter's identity: the same text is the same send, carried on rather than repeated. */
export function sosLetterId(text: string): string {
  return `sos:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

export interface SosLetter {
  subject: string;
  text: string;
  mirrors: readonly MirrorEntry[];
  siteUrl: string;
  /** Message-IDs are `<letter>.<subscriber>@host`, the same on a resend (see newsletters README). */
  letterId: string;
  host: string;
}

/** The mirror list as lines a reader can type: URL, then its note. */
export function mirrorLines(mirrors: readonly MirrorEntry[], siteUrl: string): string[] {
  const lines = mirrors.map((m) => (m.note ? `- ${m.url}\n  ${m.note}` : `- ${m.url}`));
  lines.push(`- ${siteUrl.replace(/\/+$/, '')}/mirrors (this list, kept up to date, when the site answers)`);
  return lines;
}

/** One recipient's copy: the text, the mirror list, and a signed way out of each of their lists. */
export function sosMessage(
  letter: SosLetter,
  recipient: { subscriberId: string; email: string; name: string | null },
  ways: { preferencesUrl: string; unsubscribe: Array<{ url: string; mailto: string }> },
): MailMessage {
  const body = [
    letter.text,
    '',
    'How to reach us if our site is blocked:',
    ...mirrorLines(letter.mirrors, letter.siteUrl),
    '',
    '--',
    'You get this letter because you subscribed to our newsletters.',
    ...ways.unsubscribe.map((u) => `Unsubscribe: ${u.url}`),
    `Change or stop your newsletters: ${ways.preferencesUrl}`,
    '',
  ].join('\n');
  const first = ways.unsubscribe[0];
  const name = recipient.name?.replace(/[\r\n]+/g, ' ').slice(0, 100) ?? '';
  return {
    to: name ? { name, address: recipient.email } : recipient.email,
    subject: letter.subject,
    text: body,
    messageId: `<${letter.letterId.replace(/^sos:/, 'sos-').slice(0, 36)}.${recipient.subscriberId}@${letter.host}>`,
    ...(first
      ? {
          headers: {
            'List-Unsubscribe': `<${first.mailto}>, <${first.url}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}
