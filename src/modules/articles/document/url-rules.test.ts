import { describe, expect, it } from 'vitest';
import { safeImageSrc, safeLinkHref } from './url-rules.ts';

describe('URL rules', () => {
  it.each([
    ['https://example.org/a?b=1#c', 'https://example.org/a?b=1#c'],
    ['HTTP://EXAMPLE.ORG', 'HTTP://EXAMPLE.ORG'],
    ['mailto:tips@example.org', 'mailto:tips@example.org'],
    ['/about', '/about'],
    ['  /about\n', '/about'],
    ['javascript:alert(1)', null],
    [' JAVASCRIPT:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['data:text/html,x', null],
    ['vbscript:x', null],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['https:', null],
    ['about', null],
    ['#top', null],
    ['tel:+100', null],
    ['ftp://example.org', null],
    ['https://exa\u0000mple.org', null],
    ['', null],
  ])('link %j → %j', (input, expected) => {
    expect(safeLinkHref(input)).toBe(expected);
  });

  it('allows only http(s) and "/" paths for images', () => {
    expect(safeImageSrc('https://cdn.example/a.jpg')).toBe('https://cdn.example/a.jpg');
    expect(safeImageSrc('/media/a.jpg')).toBe('/media/a.jpg');
    expect(safeImageSrc('mailto:a@b.c')).toBeNull();
    expect(safeImageSrc('data:image/png;base64,xx')).toBeNull();
    expect(safeImageSrc('//cdn.example/a.jpg')).toBeNull();
  });
});
