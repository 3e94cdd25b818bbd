import { describe, expect, it } from 'vitest';
import { acceptTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp-rules.ts';

const secret = newTotpSecret();
const at = new Date('2026-11-29T12:00:10Z');

describe('acceptTotp', () => {
  it('accepts the current code and answers its step', () => {
    expect(acceptTotp(secret, totpCode(secret, at), at, null)).toBe(totpStep(at));
  });

  it('accepts the previous and the next step, not two away', () => {
    const previous = new Date(at.getTime() - 30_000);
    const next = new Date(at.getTime() + 30_000);
    expect(acceptTotp(secret, totpCode(secret, previous), at, null)).toBe(totpStep(at) - 1);
    expect(acceptTotp(secret, totpCode(secret, next), at, null)).toBe(totpStep(at) + 1);
    const twoAgo = new Date(at.getTime() - 60_000);
    expect(acceptTotp(secret, totpCode(secret, twoAgo), at, null)).toBeNull();
  });

  it('refuses a code replayed in the same step, or an older one after a newer was used', () => {
    const step = acceptTotp(secret, totpCode(secret, at), at, null)!;
    expect(acceptTotp(secret, totpCode(secret, at), at, step)).toBeNull();
    const previous = new Date(at.getTime() - 30_000);
    expect(acceptTotp(secret, totpCode(secret, previous), at, step)).toBeNull();
    const later = new Date(at.getTime() + 30_000);
    expect(acceptTotp(secret, totpCode(secret, later), later, step)).toBe(step + 1);
  });

  it("refuses another secret's code and anything that is not six digits", () => {
    expect(acceptTotp(newTotpSecret(), totpCode(secret, at), at, null)).toBeNull();
    expect(acceptTotp(secret, '12345', at, null)).toBeNull();
    expect(acceptTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('names the publication and the person in the otpauth address', () => {
    const uri = otpauthUri(secret, 'Daily Lantern', 'irina@news.example');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Daily%20Lantern:irina%40news\.example\?/);
    expect(uri).toContain(`secret=${secret}`);
  });
});
