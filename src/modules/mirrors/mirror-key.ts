import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The mirror list's signing key: Ed25519, kept in a file of its own beside the secret key
// (mirrors-ed25519.pem, mode 0600), not derived from it. Readers' apps and other mirrors pin its
// public key, so it must outlive `samizdat key rotate`; back it up with the secret key.

export interface MirrorSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  file: string;
}

export function mirrorKeyFile(secretKeyFile: string): string {
  return join(dirname(secretKeyFile), 'mirrors-ed25519.pem');
}

/** The key in `file`, created on first use; processes starting at once agree on one key. */
export function loadOrCreateMirrorKey(file: string): MirrorSigningKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const { privateKey } = generateKeyPairSync('ed25519');
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    try {
      // link() fails if another process got there first: its key wins, ours is dropped.
      linkSync(temp, file);
    } catch (linkErr) {
      if ((linkErr as NodeJS.ErrnoException).code !== 'EEXIST') throw linkErr;
    } finally {
      unlinkSync(temp);
    }
    pem = readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file} does not hold an Ed25519 private key`);
  return { privateKey, publicKey: createPublicKey(privateKey), file };
}
