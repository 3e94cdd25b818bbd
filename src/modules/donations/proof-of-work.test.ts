import { describe, expect, it } from 'vitest';
import {
  checkChallenge,
  CHALLENGE_TTL_S,
  issueChallenge,
  leadingZeroBits,
  NO_SCRIPT_WAIT_S,
  solveChallenge,
} from './proof-of-work.ts';

const key = Buffer.alloc(32, 7);
const gift = { amountMinor: 1000, currency: 'EUR', frequency: 'once' };
const t0 = new Date('2026-12-01T10:00:00Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Uint8Array.from([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(Uint8Array.from([0x40]))).toBe(1);
    expect(leadingZeroBits(Uint8Array.from([0xff]))).toBe(0);
  });

  it('accepts a solved challenge for the same gift, within its time', () => {
    const c = issueChallenge(key, gift, 10, t0);
    const s = solveChallenge(c, 10);
    const ok = checkChallenge(key, c, s, gift, later(5));
    expect(ok).toEqual({ ok: true, nonce: c.split('.')[3] });
  });

  it('refuses another amount, currency or frequency, a forged or malformed token, a stale one, a wrong answer', () => {
    const c = issueChallenge(key, gift, 10, t0);
    const s = solveChallenge(c, 10);
    expect(checkChallenge(key, c, s, { ...gift, amountMinor: 100 }, later(5))).toMatchObject({
      problem: 'forged',
    });
    expect(checkChallenge(key, c, s, { ...gift, currency: 'USD' }, later(5))).toMatchObject({
      problem: 'forged',
    });
    expect(checkChallenge(key, c, s, { ...gift, frequency: 'monthly' }, later(5))).toMatchObject({
      problem: 'forged',
    });
    expect(checkChallenge(Buffer.alloc(32, 8), c, s, gift, later(5))).toMatchObject({ problem: 'forged' });
    // Asking for fewer bits does not verify: the bits are signed.
    const easier = c.replace(/^v1\.(\d+)\.10\./, 'v1.$1.1.');
    expect(checkChallenge(key, easier, '0', gift, later(5))).toMatchObject({ problem: 'forged' });
    expect(checkChallenge(key, 'nonsense', s, gift, later(5))).toMatchObject({ problem: 'malformed' });
    expect(checkChallenge(key, c, s, gift, later(CHALLENGE_TTL_S + 1))).toMatchObject({ problem: 'expired' });
    const wrong = [...Array(50).keys()]
      .map(String)
      .find((x) => x !== s && !checkChallenge(key, c, x, gift, later(5)).ok);
    expect(checkChallenge(key, c, wrong, gift, later(5))).toMatchObject({ problem: 'unsolved' });
    expect(checkChallenge(key, c, 'abc', gift, later(5))).toMatchObject({ problem: 'unsolved' });
  });

  it('lets a reader without JavaScript through after the wait instead', () => {
    const c = issueChallenge(key, gift, 20, t0);
    expect(checkChallenge(key, c, '', gift, later(NO_SCRIPT_WAIT_S - 1))).toMatchObject({
      problem: 'too_early',
    });
    expect(checkChallenge(key, c, '', gift, later(NO_SCRIPT_WAIT_S))).toMatchObject({ ok: true });
  });
});
