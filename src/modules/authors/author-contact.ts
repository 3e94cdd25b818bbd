// How readers can reach an author safely, as rules without a database: a Signal username and a
// PGP key fingerprint. Both are checked on the way in and stored in one canonical form, so a
// page never shows something a reader could not type into Signal or compare with `gpg
// --fingerprint`.

/**
 * Signal's username rules: a nickname of 3 to 32 characters (Latin letters, digits, underscores;
 * not starting with a digit), a dot, and a number of 2 to 9 digits: "00" is not one, and a number
 * longer than two digits does not start with 0. Case does not matter to Signal; we keep the case
 * given.
 */
const SIGNAL_USERNAME = /^([a-z_][a-z0-9_]{2,31})\.(\d{2,9})$/i;

/** Why the Signal username is not one, or null when it is. */
export function signalUsernameProblem(value: string): string | null {
  const match = SIGNAL_USERNAME.exec(value);
  if (!match) {
    return 'must be a Signal username: 3 to 32 letters, digits or underscores (not starting with a digit), a dot, and 2 to 9 digits, such as anna_k.42';
  }
  const digits = match[2]!;
  if (digits === '00') return 'the number after the dot cannot be 00';
  if (digits.length > 2 && digits.startsWith('0')) {
    return 'the number after the dot cannot start with 0 when it has more than two digits';
  }
  return null;
}

/**
 * A PGP (OpenPGP v4) key fingerprint in the canonical form we store: 40 uppercase hex digits.
 * Accepts it as people paste it: spaces, colons, lowercase, an "0x" prefix. Null when it is not one.
 */
export function canonicalFingerprint(value: string): string | null {
  const compact = value
    .trim()
    .replace(/^0x/i, '')
    .replace(/[\s:]+/g, '')
    .toUpperCase();
  return /^[0-9A-F]{40}$/.test(compact) ? compact : null;
}

/** The fingerprint as GnuPG prints it: ten groups of four (the page sets the halves apart). */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.match(/.{1,4}/g) ?? [];
}
