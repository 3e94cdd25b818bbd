import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The optional proof-of-work step against card testing: before a checkout is created, the
// browser finds a number whose SHA-256 with the challenge starts with `bits` zero bits (the appeal
// script does it in a second or two; a card tester pays that for every attempt). The challenge is
// signed by this server, expires, and is bound to the gift (amount, currency, frequency), so it
// cannot be solved once and used for other amounts; each challenge is accepted once (the caller
// keeps the spent ones). A reader without JavaScript pays in time instead: the same challenge
// with no solution is accepted once `NO_SCRIPT_WAIT_S` seconds have passed since it was issued.
// Everything here is pure apart from the random nonce.

export const CHALLENGE_TTL_S = 10 * 60;
export const NO_SCRIPT_WAIT_S = 15;

export interface BoundGift {
  amountMinor: number;
  currency: string;
  frequency: string;
}

export type PowCheck =
  | { ok: true; nonce: string }
  | { ok: false; problem: 'malformed' | 'forged' | 'expired' | 'too_early' | 'unsolved' };

const mac = (key: Buffer, body: string, gift: BoundGift) =>
  createHmac('sha256', key)
    .update(`donation-pow:v1:${body}:${gift.amountMinor}:${gift.currency}:${gift.frequency}`)
    .digest('base64url');

/** A challenge for this gift: `v1.<issued>.<bits>.<nonce>.<mac>`. */
export function issueChallenge(key: Buffer, gift: BoundGift, bits: number, now: Date): string {
  const body = `v1.${Math.floor(now.getTime() / 1000)}.${bits}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${mac(key, body, gift)}`;
}

/** How many zero bits the digest starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

export function powDigest(challenge: string, solution: string): Buffer {
  return createHash('sha256').update(`${challenge}:${solution}`).digest();
}

/** Finds a solution (tests and the benchmark; the browser has its own loop). */
export function solveChallenge(challenge: string, bits: number): string {
  for (let i = 0; ; i++) if (leadingZeroBits(powDigest(challenge, String(i))) >= bits) return String(i);
}

/**
 * Checks a challenge and its solution against the gift now asked for. An empty solution is the
 * no-script path: accepted after the wait. The caller then spends the nonce (once only).
 */
export function checkChallenge(
  key: Buffer,
  challenge: unknown,
  solution: unknown,
  gift: BoundGift,
  now: Date,
): PowCheck {
  if (typeof challenge !== 'string' || challenge.length > 200) return { ok: false, problem: 'malformed' };
  const m = /^(v1\.(\d{1,12})\.(\d{1,2})\.([A-Za-z0-9_-]{16}))\.([A-Za-z0-9_-]{43})$/.exec(challenge);
  if (!m) return { ok: false, problem: 'malformed' };
  const [, body, issuedText, bitsText, nonce, given] = m;
  const expected = Buffer.from(mac(key, body!, gift));
  const actual = Buffer.from(given!);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { ok: false, problem: 'forged' };
  const age = now.getTime() / 1000 - Number(issuedText);
  if (age > CHALLENGE_TTL_S || age < -60) return { ok: false, problem: 'expired' };
  const answer = typeof solution === 'string' ? solution : '';
  if (answer === '') {
    return age >= NO_SCRIPT_WAIT_S ? { ok: true, nonce: nonce! } : { ok: false, problem: 'too_early' };
  }
  if (!/^\d{1,12}$/.test(answer)) return { ok: false, problem: 'unsolved' };
  if (leadingZeroBits(powDigest(challenge, answer)) < Number(bitsText))
    return { ok: false, problem: 'unsolved' };
  return { ok: true, nonce: nonce! };
}
