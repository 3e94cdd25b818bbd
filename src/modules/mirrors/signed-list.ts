import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { mirrorListSchema, type MirrorEntry } from '../../lib/mirror-entries.ts';

// /.well-known/samizdat-mirrors.json: the mirror list, signed with Ed25519, so a reader's app or
// another mirror can tell a genuine list from one a censor (or an impostor) serves.
// The signature covers the canonical JSON (canonical-json.ts) of the document without its
// "signature" member, as UTF-8. Described in ./README.md.

export const MIRROR_LIST_FORMAT = 'samizdat-mirrors/1';
/** A list older than this is reported as stale by `verify` (a warning: it may still be right). */
export const STALE_AFTER_DAYS = 7;

export interface SignedMirrorList {
  format: typeof MIRROR_LIST_FORMAT;
  site: string;
  signed_at: string;
  mirrors: MirrorEntry[];
  public_key: string;
  signature: string;
}

/** The raw 32-byte Ed25519 public key, base64url: how the list and `mirrors key` name it. */
export function publicKeyText(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  if (!jwk.x) throw new Error('not an Ed25519 key');
  return jwk.x;
}

export function publicKeyFromText(text: string): KeyObject | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

export function signMirrorList(
  input: { site: string; mirrors: MirrorEntry[]; signedAt: Date },
  privateKey: KeyObject,
  publicKey: KeyObject,
): SignedMirrorList {
  const unsigned = {
    format: MIRROR_LIST_FORMAT,
    site: input.site,
    signed_at: input.signedAt.toISOString(),
    mirrors: input.mirrors,
    public_key: publicKeyText(publicKey),
  } as const;
  const signature = sign(null, Buffer.from(canonicalJson(unsigned), 'utf8'), privateKey).toString(
    'base64url',
  );
  return { ...unsigned, signature };
}

export interface VerifyResult {
  ok: boolean;
  errors: string[];
  warnings: string[];
  list?: SignedMirrorList;
}

/**
 * Everything wrong with a published list, in words: not JSON, a missing or malformed member,
 * no signature, a signature that does not match, a key other than the pinned one; a list older
 * than STALE_AFTER_DAYS or from the future is a warning.
 */
export function verifyMirrorList(text: string, options: { pinnedKey?: string; now: Date }): VerifyResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`not JSON: ${(err as Error).message}`], warnings };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, errors: ['not a JSON object'], warnings };
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== MIRROR_LIST_FORMAT) {
    errors.push(
      d.format === undefined
        ? 'missing "format"'
        : `unknown "format" ${JSON.stringify(d.format)} (expected ${MIRROR_LIST_FORMAT})`,
    );
  }
  if (typeof d.site !== 'string' || !URL.canParse(d.site))
    errors.push('missing or malformed "site" (the site URL)');
  const signedAt = typeof d.signed_at === 'string' ? new Date(d.signed_at) : undefined;
  if (!signedAt || Number.isNaN(signedAt.getTime())) {
    errors.push('missing or malformed "signed_at" (an ISO 8601 time)');
  } else {
    const ageDays = (options.now.getTime() - signedAt.getTime()) / 86_400_000;
    if (ageDays > STALE_AFTER_DAYS)
      warnings.push(
        `stale: signed ${Math.floor(ageDays)} days ago (${d.signed_at as string}); a newer list may name other mirrors`,
      );
    if (ageDays < -1 / 288)
      warnings.push(`signed in the future (${d.signed_at as string}): check this computer's clock`);
  }
  if (!Array.isArray(d.mirrors)) {
    errors.push('missing "mirrors" (an array)');
  } else {
    const parsed = mirrorListSchema.safeParse(d.mirrors);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5))
        errors.push(`mirrors.${issue.path.join('.')}: ${issue.message}`);
    }
  }
  const key = typeof d.public_key === 'string' ? publicKeyFromText(d.public_key) : undefined;
  if (!key) errors.push('missing or malformed "public_key" (a base64url Ed25519 key)');
  if (d.signature === undefined) {
    errors.push('unsigned: no "signature"');
  } else if (typeof d.signature !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(d.signature)) {
    errors.push('malformed "signature" (a base64url Ed25519 signature)');
  } else if (key) {
    const { signature, ...unsigned } = d;
    let good = false;
    try {
      good = verify(
        null,
        Buffer.from(canonicalJson(unsigned), 'utf8'),
        key,
        Buffer.from(signature, 'base64url'),
      );
    } catch {
      good = false;
    }
    if (!good)
      errors.push('bad signature: the list was changed after it was signed, or signed with another key');
  }
  if (options.pinnedKey !== undefined) {
    if (!publicKeyFromText(options.pinnedKey))
      errors.push('the key given with --key is not a base64url Ed25519 public key');
    else if (d.public_key !== options.pinnedKey) {
      errors.push(
        `unknown key: the list is signed by ${String(d.public_key)}, not by the pinned ${options.pinnedKey}`,
      );
    }
  } else if (key) {
    warnings.push(
      `no --key given: checked only against the key the list names itself (${String(d.public_key)}); compare it with the one on the site's /mirrors page or in print`,
    );
  }
  return errors.length === 0
    ? { ok: true, errors, warnings, list: d as unknown as SignedMirrorList }
    : { ok: false, errors, warnings };
}
