import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed links for subscribers, no password: a confirmation link (expires, tied to the
 * subscriber's link version so a newer signup revokes older mails), and the preferences and
 * unsubscribe links printed in every newsletter (they never expire: an old issue's unsubscribe
 * link must still work; erasing the subscriber makes them lead nowhere).
 *
 * Format: base64url(claims) "." base64url(first 16 bytes of HMAC-SHA256). The MAC key is derived
 * from the signing subkey for this purpose only.
 */
export type TokenPurpose = 'confirm' | 'preferences' | 'unsubscribe';

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: string;
  /** The list an unsubscribe link is for. */
  listId?: string;
  /** Confirmation links: the subscriber's link_version when the mail was sent. */
  version?: number;
  /** Confirmation links: expiry, milliseconds since the epoch. */
  expiresAt?: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'purpose' | 'expired' };

const PURPOSES: readonly TokenPurpose[] = ['confirm', 'preferences', 'unsubscribe'];
const MAC_BYTES = 16;

/** The MAC key for subscriber links, derived from the signing subkey. */
export function linkKey(signingKey: Buffer): Buffer {
  return createHmac('sha256', signingKey).update('samizdat/subscriber-links/v1').digest();
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

export function signToken(key: Buffer, claims: TokenClaims): string {
  const fields = [
    claims.purpose,
    claims.subscriberId,
    claims.listId ?? '',
    claims.version ?? '',
    claims.expiresAt ?? '',
  ];
  const body = Buffer.from(fields.join('\n'), 'utf8').toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

export function verifyToken(key: Buffer, token: string, purpose: TokenPurpose, at: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > 512) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
    return { ok: false, reason: 'malformed' };
  }
  const [body, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature' };
  }
  const fields = Buffer.from(body, 'base64url').toString('utf8').split('\n');
  if (fields.length !== 5) return { ok: false, reason: 'malformed' };
  const [kind, subscriberId, listId, version, expiresAt] = fields as [string, string, string, string, string];
  if (!PURPOSES.includes(kind as TokenPurpose) || !subscriberId) return { ok: false, reason: 'malformed' };
  if (kind !== purpose) return { ok: false, reason: 'purpose' };
  const claims: TokenClaims = { purpose, subscriberId };
  if (listId) claims.listId = listId;
  if (version) claims.version = Number(version);
  if (expiresAt) {
    claims.expiresAt = Number(expiresAt);
    if (!(claims.expiresAt > at.getTime())) return { ok: false, reason: 'expired' };
  }
  return { ok: true, claims };
}
