import { describe, expect, it } from 'vitest';
import { SOS_MAX_BYTES, sosLetterId, sosMessage, sosText } from './sos-letter.ts';

describe('sosText', () => {
  it('takes plain UTF-8 text, line ends made \\n, a BOM and trailing blank lines dropped', () => {
    expect(sosText(Buffer.from('\uFEFFБлокировка.\r\nЧитайте нас здесь:\r\n\r\n'))).toEqual({
      ok: true,
      text: 'Блокировка.\nЧитайте нас здесь:',
    });
  });
  it('refuses empty, binary, non-UTF-8 and oversized files', () => {
    expect(sosText(Buffer.from(' \n\t\n'))).toMatchObject({ ok: false, problem: /empty/ });
    expect(sosText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]))).toMatchObject({ ok: false, problem: /NUL/ });
    expect(sosText(Buffer.from('a\u0007b'))).toMatchObject({ ok: false, problem: /control/ });
    expect(sosText(Buffer.from([0x43, 0xe9]))).toMatchObject({ ok: false, problem: /UTF-8/ });
    expect(sosText(Buffer.alloc(SOS_MAX_BYTES + 1, 0x61))).toMatchObject({ ok: false, problem: /at most/ });
  });
});

describe('sosMessage', () => {
  const letter = {
    subject: 'News: how to reach us',
    text: 'We are blocked.',
    mirrors: [{ kind: 'mirror' as const, url: 'https://m.example/', note: 'CDN', notes: {} }],
    siteUrl: 'https://news.example/',
    letterId: sosLetterId('We are blocked.'),
    host: 'news.example',
  };
  const ways = {
    preferencesUrl: 'https://news.example/newsletter/preferences/p',
    unsubscribe: [
      { url: 'https://news.example/newsletter/unsubscribe/a', mailto: 'mailto:x@news.example?subject=a' },
      { url: 'https://news.example/newsletter/unsubscribe/b', mailto: 'mailto:x@news.example?subject=b' },
    ],
  };
  it('carries the text, the mirrors, an unsubscribe link per list and a stable Message-ID', () => {
    const m = sosMessage(letter, { subscriberId: 's1', email: 'a@b.org', name: 'Ana\r\nBcc: x' }, ways);
    expect(m.to).toEqual({ name: 'Ana Bcc: x', address: 'a@b.org' });
    expect(m.text).toContain(
      'We are blocked.\n\nHow to reach us if our site is blocked:\n- https://m.example/\n  CDN\n',
    );
    expect(m.text).toContain('- https://news.example/mirrors');
    expect(m.text).toContain(
      'Unsubscribe: https://news.example/newsletter/unsubscribe/a\nUnsubscribe: https://news.example/newsletter/unsubscribe/b\n',
    );
    expect(m.headers?.['List-Unsubscribe']).toBe(
      '<mailto:x@news.example?subject=a>, <https://news.example/newsletter/unsubscribe/a>',
    );
    expect(m.messageId).toBe(
      sosMessage(letter, { subscriberId: 's1', email: 'a@b.org', name: null }, ways).messageId,
    );
    expect(m.messageId).toMatch(/^<sos-[0-9a-f]{32}\.s1@news\.example>$/);
    expect(sosLetterId('We are blocked!')).not.toBe(letter.letterId);
  });
});
