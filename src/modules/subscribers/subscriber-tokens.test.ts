import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkKey, signToken, verifyToken } from './subscriber-tokens.ts';

const key = linkKey(randomBytes(32));
const at = new Date('2026-11-30T10:00:00.000Z');

describe('subscriber link tokens', () => {
  it('round-trips claims for the purpose they were signed for', () => {
    const token = signToken(key, { purpose: 'unsubscribe', subscriberId: 's1', listId: 'nl-weekly' });
    expect(verifyToken(key, token, 'unsubscribe', at)).toEqual({
      ok: true,
      claims: { purpose: 'unsubscribe', subscriberId: 's1', listId: 'nl-weekly' },
    });
    expect(verifyToken(key, token, 'preferences', at)).toEqual({ ok: false, reason: 'purpose' });
  });

  it('expires confirmation links', () => {
    const token = signToken(key, {
      purpose: 'confirm',
      subscriberId: 's1',
      version: 2,
      expiresAt: at.getTime() + 1000,
    });
    const check = verifyToken(key, token, 'confirm', at);
    expect(check.ok && check.claims.version).toBe(2);
    expect(verifyToken(key, token, 'confirm', new Date(at.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses tampered, foreign-key and malformed tokens', () => {
    const token = signToken(key, { purpose: 'preferences', subscriberId: 's1' });
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(
      Buffer.from(body, 'base64url').toString('utf8').replace('s1', 's2'),
      'utf8',
    ).toString('base64url');
    expect(verifyToken(key, `${forged}.${mac}`, 'preferences', at)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyToken(key, `${body}.${mac.slice(0, -2)}AA`, 'preferences', at).ok).toBe(false);
    expect(verifyToken(linkKey(randomBytes(32)), token, 'preferences', at)).toEqual({
      ok: false,
      reason: 'signature',
    });
    for (const bad of ['', 'x', 'a.b.c', '../etc.passwd', `${body}.`, 'é.é', 'a'.repeat(600)]) {
      expect(verifyToken(key, bad, 'preferences', at).ok).toBe(false);
    }
  });
});
