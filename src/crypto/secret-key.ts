import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hkdfSync, randomBytes } from 'node:crypto';

/** Key material, kept outside the database. Subkeys are derived per purpose so one leak stays one. */
export interface Keys {
  encryption: Buffer; // AES-256-GCM for personal data at rest
  signing: Buffer; // HMAC for links and tokens
  hashing: Buffer; // HMAC pepper for lookup hashes (e-mail addresses, tokens)
}

export function deriveKeys(master: Buffer): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    encryption: derive('samizdat/encryption/v1'),
    signing: derive('samizdat/signing/v1'),
    hashing: derive('samizdat/hashing/v1'),
  };
}

/**
 * Reads the master key from `file`, or when no file was configured, from DATA_DIR/secret.key,
 * creating that one (mode 0600) on first run. A configured file that is missing is an error:
 * silently generating a new key would make existing encrypted data unreadable.
 */
export function loadOrCreateMasterKey(configuredFile: string | undefined, dataDir: string): Buffer {
  const file = configuredFile ?? join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    if (configuredFile) throw new Error(`SECRET_KEY_FILE: ${configuredFile} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const text = readFileSync(file, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.length < 32) {
    throw new Error(`SECRET_KEY_FILE: ${file} must hold at least 32 bytes of base64 key material`);
  }
  return key;
}
