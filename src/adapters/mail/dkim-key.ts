import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DkimKey } from './smtp-mailer.ts';

/**
 * The DKIM key named by the settings, read once at start. A missing, unreadable or non-key file
 * is an error naming the setting: mail signed with no key would fail every receiver's check.
 */
export function loadDkimKey(settings: {
  DKIM_DOMAIN: string;
  DKIM_SELECTOR: string;
  DKIM_PRIVATE_KEY_FILE: string;
}): DkimKey | undefined {
  if (!settings.DKIM_PRIVATE_KEY_FILE) return undefined;
  let pem: string;
  try {
    pem = readFileSync(settings.DKIM_PRIVATE_KEY_FILE, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`DKIM_PRIVATE_KEY_FILE ${settings.DKIM_PRIVATE_KEY_FILE} cannot be read (${code})`);
  }
  try {
    createPrivateKey(pem);
  } catch {
    throw new Error(`DKIM_PRIVATE_KEY_FILE ${settings.DKIM_PRIVATE_KEY_FILE} is not a PEM private key`);
  }
  return { domainName: settings.DKIM_DOMAIN, keySelector: settings.DKIM_SELECTOR, privateKey: pem };
}
