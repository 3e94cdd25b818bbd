import { describe, expect, it } from 'vitest';
import { contentTypeForKey, isValidStorageKey, sameContentType } from './storage-key.ts';

describe('isValidStorageKey', () => {
  it.each(['2026/11/0b6f1c2e-7d1a-4c55-9a7e-1d2f3a4b5c6d/original.jpg', 'w800.webp', 'a/b_c/d-e.f.png'])(
    'accepts %s',
    (key) => expect(isValidStorageKey(key)).toBe(true),
  );

  it.each([
    '',
    '..',
    '../etc/passwd',
    'a/../../etc/passwd',
    'a/..',
    './a.jpg',
    '/etc/passwd',
    'C:\\Windows\\win.ini',
    'a\\..\\b.jpg',
    'a/b\0.jpg',
    'a//b.jpg',
    'a/b/',
    '.hidden.jpg',
    'a/.w800.webp.123.tmp',
    'a b.jpg',
    '%2e%2e/x.jpg',
    'x'.repeat(513),
    'é.jpg',
  ])('refuses %j', (key) => expect(isValidStorageKey(key)).toBe(false));

  it('refuses non-strings', () => {
    expect(isValidStorageKey(undefined)).toBe(false);
    expect(isValidStorageKey(['a.jpg'])).toBe(false);
  });
});

describe('contentTypeForKey', () => {
  it('derives image types from the extension, case-insensitively', () => {
    expect(contentTypeForKey('2026/11/x/original.JPG')).toBe('image/jpeg');
    expect(contentTypeForKey('a/w400.webp')).toBe('image/webp');
    expect(contentTypeForKey('a/w400.avif')).toBe('image/avif');
  });

  it('falls back to octet-stream for unknown or missing extensions', () => {
    expect(contentTypeForKey('a/file.exe')).toBe('application/octet-stream');
    expect(contentTypeForKey('a.dir/file')).toBe('application/octet-stream');
  });

  it('compares types by their essence', () => {
    expect(sameContentType('text/plain; charset=utf-8', 'TEXT/PLAIN')).toBe(true);
    expect(sameContentType('image/png', 'image/jpeg')).toBe(false);
  });
});
