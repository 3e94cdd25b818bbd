import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { KeyError } from './key-error.ts';

/** Key material, kept outside the database. Subkeys are derived per purpose so one leak stays one. */
export interface Keys {
  encryption: Buffer; // AES-256-GCM for personal data at rest
  signing: Buffer; // HMAC for links and tokens
  hashing: Buffer; // HMAC pepper for lookup hashes (e-mail addresses, tokens)
  /**
   * Hashing subkeys of keys this one replaced (newest first). API keys are stored as keyed hashes
   * of a secret we never keep, so they cannot be re-hashed at rotation: they are recognised with
   * these and moved to `hashing` on their next use (modules/staff/api-key-service.ts).
   */
  previousHashing: Buffer[];
}

/** What a key file holds: the master key, and the hashing subkeys of the keys it replaced. */
export interface KeyFile {
  master: Buffer;
  previousHashing: Buffer[];
}

const derive = (master: Buffer, info: string) =>
  Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

export function deriveKeys(master: Buffer, previousHashing: Buffer[] = []): Keys {
  return {
    encryption: derive(master, 'samizdat/encryption/v1'),
    signing: derive(master, 'samizdat/signing/v1'),
    hashing: derive(master, 'samizdat/hashing/v1'),
    previousHashing,
  };
}

/**
 * Names a key without revealing it: an HMAC of a fixed label under a subkey of its own, so the
 * fingerprint stored in the database says nothing about the keys that protect data.
 */
export function keyFingerprint(master: Buffer): string {
  const subkey = derive(master, 'samizdat/fingerprint/v1');
  return createHmac('sha256', subkey)
    .update('samizdat key fingerprint')
    .digest()
    .subarray(0, 16)
    .toString('hex');
}

/** DATA_DIR/secret.key unless SECRET_KEY_FILE names another file. */
export function keyFilePath(configuredFile: string | undefined, dataDir: string): string {
  return configuredFile ?? join(dataDir, 'secret.key');
}

export function newKeyFile(previous?: KeyFile): KeyFile {
  const master = randomBytes(32);
  if (!previous) return { master, previousHashing: [] };
  return {
    master,
    previousHashing: [deriveKeys(previous.master).hashing, ...previous.previousHashing],
  };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PREVIOUS = 'previous-hashing ';

/**
 * Reads a key file, or undefined when there is none. Anything else that is not a sound key file
 * (unreadable, readable by other users, not base64, too short) is a KeyError.
 */
export function readKeyFile(file: string): KeyFile | undefined {
  let text: string;
  try {
    const mode = statSync(file).mode;
    if (mode & 0o077) {
      const octal = (mode & 0o777).toString(8).padStart(4, '0');
      throw new KeyError(`${file} is readable by other users (mode ${octal}); run: chmod 600 ${file}`);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof KeyError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new KeyError(
      `${file} cannot be read (${code ?? (err as Error).message}); make it readable by the user running samizdat`,
    );
  }
  const corrupt = () =>
    new KeyError(
      `${file} is not a Samizdat key (expected a line of base64 holding at least 32 bytes); restore it from your backup`,
    );
  const [first, ...rest] = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (!first || !BASE64.test(first)) throw corrupt();
  const master = Buffer.from(first, 'base64');
  if (master.length < 32) throw corrupt();
  const previousHashing = rest.map((line) => {
    const value = line.startsWith(PREVIOUS) ? line.slice(PREVIOUS.length) : '';
    const key = Buffer.from(value, 'base64');
    if (!BASE64.test(value) || key.length !== 32) throw corrupt();
    return key;
  });
  return { master, previousHashing };
}

/**
 * Writes a key file readable by its owner only, durably: to a temporary name, flushed, then
 * renamed over `file`, so a crash leaves either the old file or the new one, never half of one.
 */
export function writeKeyFile(file: string, content: KeyFile): void {
  const text = [
    content.master.toString('base64'),
    ...content.previousHashing.map((key) => PREVIOUS + key.toString('base64')),
  ].join('\n');
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameKeyFile(temporary, file);
}

/** Atomic replace, then a flush of the folder so the new name survives a power cut. */
export function renameKeyFile(from: string, to: string): void {
  renameSync(from, to);
  const dir = openSync(dirname(to), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
