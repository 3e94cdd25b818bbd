import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults, which every authenticator app understands. */
const PERIOD_S = 30;
const DIGITS = 6;
/** One step either side of now: a phone clock a little off, or a code typed as it changed. */
export const TOTP_WINDOW = 1;

function totp(secretBase32: string, issuer = 'Samizdat', label = 'staff'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits), base32 as authenticator apps show it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address a QR code carries, naming the publication and the person. */
export function otpauthUri(secretBase32: string, issuer: string, label: string): string {
  return totp(secretBase32, issuer, label).toString();
}

/** The 30-second step a moment falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / PERIOD_S);
}

/** The code for a step (tests and the CLI compute codes the way a phone does). */
export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/**
 * Checks a code typed at `at`. Answers the step it belongs to, or null when it matches no step in
 * the window, or only steps at or before `lastUsedStep` (a code seen once, by us or by someone
 * looking over a shoulder, is never accepted again; nor is an older one after a newer was used).
 */
export function acceptTotp(
  secretBase32: string,
  code: string,
  at: Date,
  lastUsedStep: number | null,
): number | null {
  const typed = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(typed)) return null;
  const now = totpStep(at);
  const generator = totp(secretBase32);
  for (let delta = -TOTP_WINDOW; delta <= TOTP_WINDOW; delta++) {
    const step = now + delta;
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (generator.generate({ timestamp: step * PERIOD_S * 1000 }) === typed) return step;
  }
  return null;
}
