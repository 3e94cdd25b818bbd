import { Algorithm, hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes: the OWASP baseline).
const OPTIONS = { algorithm: Algorithm.Argon2id };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone knows, checked when the address has no account: the same work either way. */
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash, does the same work and answers false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword(`decoy ${Math.random()}`);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
