import { createHmac, timingSafeEqual } from 'node:crypto';

// The donor page's address carries a signed, expiring token: the donor's id, when it expires,
// and an HMAC of both under the signing subkey. No password, nothing stored.

export const DONOR_LINK_TTL_MS = 24 * 3600_000;

const mac = (key: Buffer, donorId: string, expires: number) =>
  createHmac('sha256', key).update(`donor-link:v1:${donorId}:${expires}`).digest('base64url');

export function signDonorToken(key: Buffer, donorId: string, now: Date, ttlMs = DONOR_LINK_TTL_MS): string {
  const expires = Math.floor((now.getTime() + ttlMs) / 1000);
  return `${donorId}.${expires}.${mac(key, donorId, expires)}`;
}

/** The donor id a token names, or undefined when it is malformed, tampered with or expired. */
export function verifyDonorToken(key: Buffer, token: unknown, now: Date): string | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const [, donorId, expiresText, given] = m;
  const expires = Number(expiresText);
  const expected = Buffer.from(mac(key, donorId!, expires));
  const actual = Buffer.from(given!);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  if (expires * 1000 <= now.getTime()) return undefined;
  return donorId;
}
