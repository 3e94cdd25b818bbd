import { describe, expect, it } from 'vitest';
import { isNotModified } from './conditional-get.ts';

const current = { etag: '"abc"', lastModified: 'Sun, 29 Nov 2026 12:00:00 GMT' };
const ask = (ifNoneMatch?: string, ifModifiedSince?: string) =>
  isNotModified({ ifNoneMatch, ifModifiedSince }, current);

describe('isNotModified (RFC 9110 section 13)', () => {
  it('matches If-None-Match by weak comparison, anywhere in a list', () => {
    expect(ask('"abc"')).toBe(true);
    expect(ask('W/"abc"')).toBe(true);
    expect(ask('"x", W/"abc" ,"y"')).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"abc"', ifModifiedSince: undefined }, { etag: 'W/"abc"' })).toBe(
      true,
    );
    expect(ask('"abcd"')).toBe(false);
    expect(ask('"ab"')).toBe(false);
    expect(ask('')).toBe(false);
  });

  it('reads a list token by token: an entity tag may hold a comma', () => {
    expect(isNotModified({ ifNoneMatch: '"a,b"', ifModifiedSince: undefined }, { etag: '"a,b"' })).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"a,b"', ifModifiedSince: undefined }, { etag: '"a"' })).toBe(false);
  });

  it('lets * alone match any current representation, and treats * inside a list as unparsable', () => {
    expect(ask('*')).toBe(true);
    expect(ask(' * ')).toBe(true);
    expect(ask('"x", *')).toBe(false);
    expect(ask('abc')).toBe(false);
  });

  it('ignores If-Modified-Since when If-None-Match is present', () => {
    expect(ask('"other"', 'Sun, 29 Nov 2026 13:00:00 GMT')).toBe(false);
    expect(ask('"abc"', 'Sun, 29 Nov 2000 13:00:00 GMT')).toBe(true);
  });

  it('answers If-Modified-Since by date, and ignores one that is not a date', () => {
    expect(ask(undefined, 'Sun, 29 Nov 2026 12:00:00 GMT')).toBe(true);
    expect(ask(undefined, 'Sun, 29 Nov 2026 13:00:00 GMT')).toBe(true);
    expect(ask(undefined, 'Sun, 29 Nov 2026 11:59:59 GMT')).toBe(false);
    expect(ask(undefined, 'yesterday')).toBe(false);
    expect(ask(undefined, '')).toBe(false);
    expect(isNotModified({ ifNoneMatch: undefined, ifModifiedSince: 'yesterday' }, { etag: '"abc"' })).toBe(
      false,
    );
  });

  it('needs a validator to answer 304', () => {
    expect(ask()).toBe(false);
  });
});
