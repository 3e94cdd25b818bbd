import { describe, expect, it } from 'vitest';
import { kindOf, parseMirrorsSetting } from './mirror-entries.ts';

describe('parseMirrorsSetting', () => {
  it('reads the short form, kind from the URL', () => {
    const onion = `http://${'a'.repeat(56)}.onion`;
    expect(
      parseMirrorsSetting(`https://m.example|Mirror one; ${onion} ;https://t.me/ilmara|Our channel`),
    ).toEqual({
      mirrors: [
        { kind: 'mirror', url: 'https://m.example', note: 'Mirror one', notes: {} },
        { kind: 'onion', url: onion, note: '', notes: {} },
        { kind: 'telegram', url: 'https://t.me/ilmara', note: 'Our channel', notes: {} },
      ],
    });
  });

  it('reads JSON with kinds and notes per language', () => {
    expect(
      parseMirrorsSetting(
        '[{"url":"https://news.example/newsletter","kind":"newsletter","note":"Email","notes":{"ru":"Почта"}}]',
      ),
    ).toEqual({
      mirrors: [
        { kind: 'newsletter', url: 'https://news.example/newsletter', note: 'Email', notes: { ru: 'Почта' } },
      ],
    });
    expect(parseMirrorsSetting('  ')).toEqual({ mirrors: [] });
  });

  it('says what is wrong', () => {
    expect(parseMirrorsSetting('[{"url":')).toEqual({ error: 'starts with "[" but is not valid JSON' });
    expect(parseMirrorsSetting('ftp://m.example|x')).toHaveProperty(
      'error',
      expect.stringContaining('0.url'),
    );
    expect(parseMirrorsSetting('[{"url":"https://m.example","colour":"red"}]')).toHaveProperty('error');
    expect(parseMirrorsSetting('https://m.example|a\u0007b')).toHaveProperty('error');
    expect(kindOf('https://telegram.me/x')).toBe('telegram');
  });
});
