import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DkimKey } from './dkim-signer.ts';

/**
 * The DKIM keys named by the settings, read once at start: one file and selector, or two of each
 * separated by commas (an RSA key and an Ed25519 key, RFC 8463: every message carries both
 * signatures). A missing, unreadable, non-key or unsupported file is an error naming the setting:
 * mail signed with no key would fail every receiver's check.
 */
export function loadDkimKey(settings: {
  DKIM_DOMAIN: string;
  DKIM_SELECTOR: string;
  DKIM_PRIVATE_KEY_FILE: string;
}): DkimKey[] | undefined {
  if (!settings.DKIM_PRIVATE_KEY_FILE) return undefined;
  const files = settings.DKIM_PRIVATE_KEY_FILE.split(',').map((f) => f.trim());
  const selectors = settings.DKIM_SELECTOR.split(',').map((s) => s.trim());
  if (files.length !== selectors.length) {
    throw new Error(
      'DKIM_SELECTOR must name one selector for each file of DKIM_PRIVATE_KEY_FILE, in the same order',
    );
  }
  return files.map((file, i) => {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`DKIM_PRIVATE_KEY_FILE ${file} cannot be read (${code})`);
    }
    let type: string | undefined;
    try {
      type = createPrivateKey(pem).asymmetricKeyType;
    } catch {
      throw new Error(`DKIM_PRIVATE_KEY_FILE ${file} is not a PEM private key`);
    }
    if (type !== 'rsa' && type !== 'ed25519') {
      throw new Error(
        `DKIM_PRIVATE_KEY_FILE ${file} is a ${type ?? 'unknown'} key; DKIM signs with RSA or Ed25519`,
      );
    }
    return { domainName: settings.DKIM_DOMAIN, keySelector: selectors[i]!, privateKey: pem };
  });
}
