import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { lookupHash, open, seal } from './sealed-box.ts';
import { deriveKeys, loadOrCreateMasterKey } from './secret-key.ts';

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
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => open(key, tampered)).toThrow();
    expect(() => open(randomBytes(32), sealed)).toThrow();
  });
  it('hashes lookups deterministically per key', () => {
    expect(lookupHash(key, 'x')).toBe(lookupHash(key, 'x'));
    expect(lookupHash(key, 'x')).not.toBe(lookupHash(randomBytes(32), 'x'));
  });
});

describe('master key', () => {
  it('is generated once into the data folder with owner-only permissions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samizdat-key-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const first = loadOrCreateMasterKey(undefined, dir);
    expect(first.length).toBe(32);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(undefined, dir).equals(first)).toBe(true);
    const keys = deriveKeys(first);
    expect(keys.encryption.equals(keys.signing)).toBe(false);
  });
  it('refuses a configured key file that is missing or too short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samizdat-key-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => loadOrCreateMasterKey(join(dir, 'nope.key'), dir)).toThrow(
      /SECRET_KEY_FILE: .* does not exist/,
    );
    writeFileSync(join(dir, 'short.key'), 'abcd');
    expect(() => loadOrCreateMasterKey(join(dir, 'short.key'), dir)).toThrow(/at least 32 bytes/);
    expect(readFileSync(join(dir, 'short.key'), 'utf8')).toBe('abcd');
  });
});
