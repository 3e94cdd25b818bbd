// DKIM signatures (RFC 6376) with relaxed/relaxed canonicalization, made by us rather than by
// nodemailer: the body hash comes from the composer, which writes bodies that relaxed
// canonicalization leaves unchanged (quoted-printable.ts), so a message costs one SHA-256 of its
// body and one signature of its header.
//
// The key's type picks the algorithm: RSA keys sign rsa-sha256 (what every receiver verifies);
// Ed25519 keys sign ed25519-sha256 (RFC 8463: about twenty times cheaper per message, but not
// every receiver verifies it yet, so an Ed25519 key is best given beside an RSA one: both
// signatures go on every message and a receiver uses the one it knows).
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';

export interface DkimKey {
  domainName: string;
  keySelector: string;
  /** PEM. */
  privateKey: string;
}

/**
 * The headers a signature covers, in this order when present: RFC 6376's recommendations plus
 * List-Unsubscribe-Post, which RFC 8058 requires signed (a receiver offers one-click unsubscribe
 * only then).
 */
export const DKIM_SIGNED_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:' +
  'Content-Transfer-Encoding:Content-ID:Content-Description:Resent-Date:Resent-From:' +
  'Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:List-Id:' +
  'List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:List-Archive';

const SIGNED = DKIM_SIGNED_HEADERS.split(':').map((name) => name.toLowerCase());

/** RFC 6376 3.4.2: lower-case name, unfolded, whitespace runs as one space, trimmed. */
function relaxedHeader(name: string, value: string): string {
  return `${name.toLowerCase()}:${value
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}`;
}

export type HeaderField = readonly [name: string, value: string];

export interface DkimSigner {
  /** DKIM-Signature header lines (CRLF-terminated) for a message with these fields and body hash. */
  signatures(fields: readonly HeaderField[], bodyHash: string): Promise<string>;
}

/**
 * Signs with an RSA key elsewhere (dkim-sign-pool.ts: worker threads): PKCS#1 v1.5 over SHA-256
 * of the UTF-8 text, the signature in base64.
 */
export type RsaSign = (pem: string, data: string) => Promise<string>;

/**
 * Signatures for `keys`. RSA signatures are made by `rsaSign` when given (about a quarter of a
 * millisecond of CPU each at 2048 bits, worth moving off the sending thread); Ed25519 ones are
 * made here (a fraction of that, less than handing them over would cost).
 */
export function createDkimSigner(keys: readonly DkimKey[], rsaSign?: RsaSign): DkimSigner {
  const signers = keys.map((key) => {
    const privateKey: KeyObject = createPrivateKey(key.privateKey);
    const type = privateKey.asymmetricKeyType;
    if (type !== 'rsa' && type !== 'ed25519') {
      throw new Error(`a DKIM key must be RSA or Ed25519, not ${type ?? 'unknown'}`);
    }
    return { key, privateKey, algorithm: type === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256' };
  });
  return {
    async signatures(fields, bodyHash) {
      const byName = new Map<string, HeaderField>();
      // The last occurrence of a name is the one a verifier takes first (RFC 6376 5.4.2).
      for (const field of fields) byName.set(field[0].toLowerCase(), field);
      const names = SIGNED.filter((n) => byName.has(n));
      const canonical = names.map((n) => `${relaxedHeader(n, byName.get(n)![1])}\r\n`).join('');
      const time = Math.floor(Date.now() / 1000);
      let out = '';
      for (const s of signers) {
        const value =
          `v=1; a=${s.algorithm}; c=relaxed/relaxed; d=${s.key.domainName}; s=${s.key.keySelector};` +
          `\r\n\tt=${time}; h=${names.join(':')};\r\n\tbh=${bodyHash}; b=`;
        const text = canonical + relaxedHeader('DKIM-Signature', value);
        let signature: string;
        if (s.algorithm === 'rsa-sha256') {
          signature = rsaSign
            ? await rsaSign(s.key.privateKey, text)
            : sign('sha256', Buffer.from(text, 'utf8'), s.privateKey).toString('base64');
        } else {
          // RFC 8463: Ed25519 (pure) over the SHA-256 hash of the signed data.
          const digest = createHash('sha256').update(text, 'utf8').digest();
          signature = sign(null, digest, s.privateKey).toString('base64');
        }
        out += `DKIM-Signature: ${value}${signature}\r\n`;
      }
      return out;
    },
  };
}

/** The body hash of a body that is already in relaxed canonical form (see quoted-printable.ts). */
export function canonicalBodyHash(chunks: readonly string[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk, 'utf8');
  return hash.digest('base64');
}
