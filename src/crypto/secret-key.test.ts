import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyError } from './key-error.ts';
import { deriveKeys, keyFingerprint, newKeyFile, readKeyFile, writeKeyFile } from './secret-key.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'samizdat-key-'));

function refusal(file: string): string {
  try {
    readKeyFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(KeyError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error(`${file} was accepted`);
}

describe('key file', () => {
  it('round-trips with owner-only permissions and the previous hashing keys', () => {
    const file = join(dir(), 'secret.key');
    const first = newKeyFile();
    const second = newKeyFile(first);
    writeKeyFile(file, second);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const read = readKeyFile(file)!;
    expect(read.master.equals(second.master)).toBe(true);
    expect(read.previousHashing).toHaveLength(1);
    expect(read.previousHashing[0]!.equals(deriveKeys(first.master).hashing)).toBe(true);
    const keys = deriveKeys(read.master);
    expect(keys.encryption.equals(keys.signing)).toBe(false);
  });

  it('reads a key file of the first format (one line of base64)', () => {
    const file = join(dir(), 'secret.key');
    const master = randomBytes(32);
    writeFileSync(file, master.toString('base64') + '\n', { mode: 0o600 });
    expect(readKeyFile(file)!.master.equals(master)).toBe(true);
  });

  it('tells a missing file (undefined) from a corrupt, short or exposed one', () => {
    const d = dir();
    expect(readKeyFile(join(d, 'none.key'))).toBeUndefined();
    writeFileSync(join(d, 'short.key'), 'abcd', { mode: 0o600 });
    expect(refusal(join(d, 'short.key'))).toMatch(
      /short\.key is not a Samizdat key .* restore it from your backup/,
    );
    writeFileSync(join(d, 'junk.key'), '%%% not base64 at all, but long enough to decode to 32 bytes %%%', {
      mode: 0o600,
    });
    expect(refusal(join(d, 'junk.key'))).toMatch(/junk\.key is not a Samizdat key/);
    const exposed = join(d, 'exposed.key');
    writeKeyFile(exposed, newKeyFile());
    chmodSync(exposed, 0o644);
    expect(refusal(exposed)).toBe(
      `${exposed} is readable by other users (mode 0644); run: chmod 600 ${exposed}`,
    );
    chmodSync(exposed, 0o640);
    expect(refusal(exposed)).toMatch(/mode 0640/);
    expect(readFileSync(join(d, 'short.key'), 'utf8')).toBe('abcd');
  });

  it('names a key by a fingerprint that is stable and reveals none of its subkeys', () => {
    const master = randomBytes(32);
    const fingerprint = keyFingerprint(master);
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(keyFingerprint(Buffer.from(master))).toBe(fingerprint);
    expect(keyFingerprint(randomBytes(32))).not.toBe(fingerprint);
    const keys = deriveKeys(master);
    for (const subkey of [master, keys.encryption, keys.signing, keys.hashing])
      expect(subkey.toString('hex')).not.toContain(fingerprint.slice(0, 8));
  });
});
