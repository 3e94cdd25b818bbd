import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('violet tram folds under rain')).toBeNull();
    expect(passwordProblem('kX9#mv2Lq8!pZ')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(passwordProblem('Gx7!mq2Lp9a')).toMatch(/at least 12/);
    expect(passwordProblem('Gx7!mq2Lp9ab')).toBeNull();
    // Eleven Cyrillic letters are 22 bytes but still eleven characters.
    expect(passwordProblem('щукаплыветт')).toMatch(/at least 12/);
  });

  it('refuses a long password on the common list', () => {
    expect(COMMON_PASSWORDS.has('123456789012')).toBe(true);
    expect(passwordProblem('123456789012')).toMatch(/common/);
    expect(passwordProblem('QwertyuiopASDFGHJKL')).toMatch(/common/);
  });

  it('refuses a common password with digits or symbols added, or repeated', () => {
    expect(passwordProblem('password123456!')).toMatch(/common/);
    expect(passwordProblem('2026sunshine!!')).toMatch(/common/);
    expect(passwordProblem('monkeymonkeymonkey')).toMatch(/common/);
    expect(passwordProblem('abcdabcdabcd')).not.toBeNull();
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('zzzzzzzzzzzzzzzz')).not.toBeNull();
  });

  it("refuses the person's address, name or the publication's name inside the password", () => {
    const context = { email: 'irina.volkova@news.example', name: 'Irina', publicationName: 'Daily Lantern' };
    expect(passwordProblem('irina.volkova-2026', context)).toMatch(/address, name or publication/);
    expect(passwordProblem('the daily lantern rocks', context)).toMatch(/address, name or publication/);
    expect(passwordProblem('violet tram folds under rain', context)).toBeNull();
  });
});
