import type { Options } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes: the OWASP baseline). The native
// library (some 10 MB resident) is loaded at the first password checked or set, not in every
// process. Algorithm.Argon2id is 2 (a const enum the type import cannot bring).
const OPTIONS: Options = { algorithm: 2 };
const argon2 = () => import('@node-rs/argon2');

export function hashPassword(password: string): Promise<string> {
  return argon2().then(({ hash }) => hash(password, OPTIONS));
}

/** A hash of nothing anyone knows, checked when the address has no account: the same work either way. */
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no stored hash, does the same work and answers false. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword(`decoy ${Math.random()}`);
    const { verify } = await argon2();
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    const { verify } = await argon2();
    return await verify(stored, password);
  } catch {
    return false;
  }
}
