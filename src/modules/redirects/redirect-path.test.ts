import { describe, expect, it } from 'vitest';
import { isRedirectTarget, lookupKeys, redirectKey } from './redirect-path.ts';

describe('redirectKey', () => {
  it('keeps the path without its host or trailing slash', () => {
    expect(redirectKey('https://old.example/2019/05/the-dam/')).toBe('/2019/05/the-dam');
    expect(redirectKey('/p/the-dam')).toBe('/p/the-dam');
    expect(redirectKey('the-dam/')).toBe('/the-dam');
    expect(redirectKey('https://old.example')).toBe('/');
  });

  it('keeps only the query parameters that name a page, in a fixed order', () => {
    expect(redirectKey('https://old.example/?p=123')).toBe('/?p=123');
    expect(redirectKey('/?utm_source=x&page_id=7&p=3')).toBe('/?p=3&page_id=7');
    expect(redirectKey('/2019/the-dam/?utm_source=feed')).toBe('/2019/the-dam');
  });

  it('decodes percent-encoding so both spellings are one key', () => {
    expect(redirectKey('/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/')).toBe('/новости');
    expect(redirectKey('/новости')).toBe('/новости');
    expect(redirectKey('/bad%zz')).toBe('/bad%zz');
  });

  it('refuses what is no page address', () => {
    expect(redirectKey('')).toBeNull();
    expect(redirectKey('javascript:alert(1)')).toBeNull();
    expect(redirectKey('/a\nb')).toBeNull();
    expect(redirectKey(`/${'a'.repeat(2000)}`)).toBeNull();
  });
});

describe('lookupKeys', () => {
  it('tries the naming query first, then the path alone', () => {
    expect(lookupKeys('/?p=12&utm_source=x')).toEqual(['/?p=12', '/']);
    expect(lookupKeys('/slug/?fbclid=abc')).toEqual(['/slug']);
  });
});

describe('isRedirectTarget', () => {
  it('accepts our paths and http(s) URLs only', () => {
    expect(isRedirectTarget('/articles/the-dam')).toBe(true);
    expect(isRedirectTarget('https://elsewhere.example/x')).toBe(true);
    expect(isRedirectTarget('//evil.example')).toBe(false);
    expect(isRedirectTarget('javascript:alert(1)')).toBe(false);
    expect(isRedirectTarget('/a b')).toBe(false);
  });
});
