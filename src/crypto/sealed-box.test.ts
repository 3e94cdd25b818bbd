import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lookupHash, open, seal } from './sealed-box.ts';

describe('sealed box', () => {
  const key = randomBytes(32);
  it('round-trips and never stores the plaintext', () => {
    const sealed = seal(key, 'Anna Ivanova <anna@example.org>');
    expect(sealed).not.toContain('anna');
    expect(open(key, sealed)).toBe('Anna Ivanova <anna@example.org>');
    expect(seal(key, 'same')).not.toBe(seal(key, 'same'));
  });
  it('refuses a tampered box or the wrong key', () => {
    const sealed = seal(key, 'secret');
    // One bit of the ciphertext flipped (editing base64 text could land on bits the decoder ignores).
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    const tampered = `v1.${raw.toString('base64url')}`;
    expect(() => open(key, tampered)).toThrow();
    expect(() => open(randomBytes(32), sealed)).toThrow();
  });
  it('hashes lookups deterministically per key', () => {
    expect(lookupHash(key, 'x')).toBe(lookupHash(key, 'x'));
    expect(lookupHash(key, 'x')).not.toBe(lookupHash(randomBytes(32), 'x'));
  });
});
