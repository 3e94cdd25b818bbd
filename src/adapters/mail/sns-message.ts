import { X509Certificate, verify } from 'node:crypto';
import { z } from 'zod';
import { MailEventRejected } from './mail-event.ts';

// Amazon SNS posts JSON envelopes (with Content-Type text/plain) to an HTTP endpoint: a
// SubscriptionConfirmation once, then Notifications. Each is signed with the key of an X.509
// certificate that SNS serves at SigningCertURL; we fetch it only from a host that is SNS's own
// (sns.<region>.amazonaws.com, or SNS_CERT_HOST_PATTERN in tests), and check the signature over
// the canonical string AWS documents, SHA1withRSA (SignatureVersion 1) or SHA256withRSA (2).

export const snsEnvelopeSchema = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: z.string().min(1).max(200),
  TopicArn: z.string().min(1).max(400),
  Message: z.string().max(256 * 1024),
  Timestamp: z.string().min(1).max(100),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().min(1).max(4096),
  SigningCertURL: z.string().min(1).max(2048),
  Subject: z.string().max(400).optional(),
  Token: z.string().max(4096).optional(),
  SubscribeURL: z.string().max(4096).optional(),
  UnsubscribeURL: z.string().max(4096).optional(),
});
export type SnsEnvelope = z.infer<typeof snsEnvelopeSchema>;

export const DEFAULT_SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** The pattern from SNS_CERT_HOST_PATTERN, anchored whole; empty: SNS's own hosts. */
export function snsHostPattern(setting: string): RegExp {
  return setting ? new RegExp(`^(?:${setting})$`) : DEFAULT_SNS_HOST;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether we may fetch this URL (a signing certificate, a SubscribeURL): https on a host the
 * pattern accepts. Plain http only on a loopback host, which SNS's own pattern never accepts:
 * it lets a test serve its certificate without a trusted TLS chain.
 */
export function snsUrlAllowed(url: string, hosts: RegExp): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (!hosts.test(parsed.hostname)) return false;
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
}

/** The text SNS signs: chosen fields, each as `Name\nvalue\n`, in this order. */
export function snsStringToSign(m: SnsEnvelope): string {
  const fields =
    m.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  let text = '';
  for (const name of fields) {
    const value = m[name];
    if (value === undefined) continue; // Subject is optional in a Notification
    text += `${name}\n${value}\n`;
  }
  return text;
}

export function parseSnsEnvelope(rawBody: Buffer): SnsEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new MailEventRejected('malformed', 'the body is not an SNS message (not JSON)');
  }
  const parsed = snsEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MailEventRejected('malformed', `not an SNS message: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export interface SnsVerifier {
  /** The envelope, once its signature is checked; MailEventRejected otherwise. */
  verify(rawBody: Buffer): Promise<SnsEnvelope>;
  /** Confirms a subscription by visiting its SubscribeURL (same host rule as the certificate). */
  confirm(envelope: SnsEnvelope): Promise<void>;
}

const CERT_LIMIT = 16 * 1024;
const FETCH_TIMEOUT_MS = 5000;

export function createSnsVerifier(options: { hosts: RegExp }): SnsVerifier {
  // A handful of certificates at most (one per region, rotated rarely): kept for the process.
  const certificates = new Map<string, Promise<X509Certificate>>();

  async function download(url: string): Promise<X509Certificate> {
    const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`the signing certificate answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > CERT_LIMIT) throw new Error('the signing certificate is too large');
    const certificate = new X509Certificate(body);
    const now = Date.now();
    if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo))
      throw new Error('the signing certificate is not valid now');
    return certificate;
  }

  function certificate(url: string): Promise<X509Certificate> {
    let pending = certificates.get(url);
    if (!pending) {
      pending = download(url);
      certificates.set(url, pending);
      // A failed download is not remembered: the next message tries again.
      pending.catch(() => certificates.delete(url));
    }
    return pending;
  }

  return {
    async verify(rawBody) {
      const envelope = parseSnsEnvelope(rawBody);
      if (!snsUrlAllowed(envelope.SigningCertURL, options.hosts))
        throw new MailEventRejected('signature', 'SigningCertURL is not an SNS address');
      let cert: X509Certificate;
      try {
        cert = await certificate(envelope.SigningCertURL);
      } catch (err) {
        throw new MailEventRejected(
          'signature',
          `the signing certificate could not be used: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const algorithm = envelope.SignatureVersion === '1' ? 'sha1' : 'sha256';
      const ok = verify(
        algorithm,
        Buffer.from(snsStringToSign(envelope), 'utf8'),
        cert.publicKey,
        Buffer.from(envelope.Signature, 'base64'),
      );
      if (!ok) throw new MailEventRejected('signature', 'the SNS signature does not match the message');
      return envelope;
    },

    async confirm(envelope) {
      const url = envelope.SubscribeURL;
      if (!url || !snsUrlAllowed(url, options.hosts))
        throw new MailEventRejected('malformed', 'SubscribeURL is missing or not an SNS address');
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`SNS answered ${response.status} to the subscription confirmation`);
    },
  };
}
