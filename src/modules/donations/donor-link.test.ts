import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDonorToken, verifyDonorToken } from './donor-link.ts';

const key = Buffer.alloc(32, 7);
const now = new Date('2026-11-30T10:00:00Z');

describe('donor links', () => {
  it('name the donor until they expire', () => {
    const id = randomUUID();
    const token = signDonorToken(key, id, now);
    expect(verifyDonorToken(key, token, now)).toBe(id);
    expect(verifyDonorToken(key, token, new Date(now.getTime() + 25 * 3600_000))).toBeUndefined();
  });
  it('refuse tampered tokens and other keys', () => {
    const id = randomUUID();
    const token = signDonorToken(key, id, now);
    const other = randomUUID();
    expect(verifyDonorToken(key, token.replace(id, other), now)).toBeUndefined();
    const [a, b, c] = token.split('.');
    expect(verifyDonorToken(key, `${a}.${Number(b) + 999}.${c}`, now)).toBeUndefined();
    expect(verifyDonorToken(Buffer.alloc(32, 8), token, now)).toBeUndefined();
    expect(verifyDonorToken(key, `${token}x`, now)).toBeUndefined();
    expect(verifyDonorToken(key, undefined, now)).toBeUndefined();
  });
});
