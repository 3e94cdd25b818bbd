import { describe, expect, it } from 'vitest';
import { canonicalFingerprint, fingerprintGroups, signalUsernameProblem } from './author-contact.ts';

describe('Signal usernames', () => {
  it.each(['anna.42', 'Irena_V.01', 'tomas_kerel.2026', '_news.99', 'abc.123456789'])('accepts %s', (u) => {
    expect(signalUsernameProblem(u)).toBeNull();
  });

  it.each([
    ['ab.12', 'a nickname of two characters'],
    ['anna', 'no number'],
    ['anna.4', 'a one-digit number'],
    ['anna.00', 'the number 00'],
    ['anna.0123', 'a long number starting with 0'],
    ['anna.1234567890', 'a ten-digit number'],
    ['4anna.42', 'a nickname starting with a digit'],
    ['an-na.42', 'a hyphen'],
    ['анна.42', 'non-Latin letters'],
    ['@anna.42', 'an @ sign'],
    [`${'a'.repeat(33)}.42`, 'a 33-character nickname'],
    ['anna.42 ', 'a trailing space'],
  ])('refuses %s (%s)', (u) => {
    expect(signalUsernameProblem(u)).toMatch(/.+/);
  });
});

describe('PGP fingerprints', () => {
  const fp = '3AA5C34371567BD2A1B2C3D4E5F60718293A4B5C';

  it('takes a fingerprint as people paste it and stores 40 uppercase hex digits', () => {
    expect(canonicalFingerprint(fp)).toBe(fp);
    expect(canonicalFingerprint(fp.toLowerCase())).toBe(fp);
    expect(canonicalFingerprint('3AA5 C343 7156 7BD2 A1B2  C3D4 E5F6 0718 293A 4B5C')).toBe(fp);
    expect(canonicalFingerprint(`0x${fp}`)).toBe(fp);
    expect(canonicalFingerprint('3A:A5:C3:43:71:56:7B:D2:A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C')).toBe(fp);
  });

  it.each([
    ['a short key id', '71567BD2'],
    ['39 digits', fp.slice(1)],
    ['41 digits', `${fp}0`],
    ['a letter past F', `${fp.slice(0, 39)}G`],
    ['nothing', ''],
  ])('refuses %s', (_, value) => {
    expect(canonicalFingerprint(value)).toBeNull();
  });

  it('groups the digits in fours, as GnuPG prints them', () => {
    expect(fingerprintGroups(fp)).toEqual([
      '3AA5',
      'C343',
      '7156',
      '7BD2',
      'A1B2',
      'C3D4',
      'E5F6',
      '0718',
      '293A',
      '4B5C',
    ]);
  });
});
