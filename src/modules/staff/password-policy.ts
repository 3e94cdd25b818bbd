import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 12;
/** Argon2 takes any length; a cap keeps one request from costing a lot of hashing input. */
export const MAX_PASSWORD_LENGTH = 256;

/** The list in common-passwords.txt, read once. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line && !line.startsWith('#')),
);

/** What the password must not be built on: the person's address and name, the publication's name. */
export interface PasswordContext {
  email?: string;
  name?: string;
  publicationName?: string;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/** "password123!" → "password"; "abcabcabcabc" → "abc": the word under added digits or repeats. */
function cores(candidate: string): string[] {
  const out = [candidate];
  const trimmed = candidate.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (trimmed && trimmed !== candidate) out.push(trimmed);
  for (const text of [...out]) {
    const repeated = /^(.+?)\1+$/su.exec(text);
    if (repeated) out.push(repeated[1]!);
  }
  return out;
}

/**
 * Why `password` is refused, or null when it is acceptable. The rules are the ones that stop the
 * guesses attackers try first: too short, a common password (also with digits or symbols added, or
 * repeated), a single repeated character, or the person's address, name or publication in it.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `use at most ${MAX_PASSWORD_LENGTH} characters`;
  const folded = fold(password);
  const compact = folded.replace(/\s+/gu, '');
  if (new Set(compact).size < 4) return 'use more different characters';
  for (const core of [...cores(folded), ...cores(compact)]) {
    if (COMMON_PASSWORDS.has(core) || core.length <= 4)
      return 'this password is among the most common ones; choose another';
  }
  const personal = [context.email, context.email?.split('@')[0], context.name, context.publicationName]
    .filter((v): v is string => !!v)
    .map((v) => fold(v).replace(/\s+/gu, ''))
    .filter((v) => v.length >= 4);
  for (const word of personal) {
    if (compact.includes(word)) return 'do not build the password on your address, name or publication';
  }
  return null;
}
