import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MailEventRejected, type MailEvent } from './mail-event.ts';

/**
 * The generic bounce/complaint webhook, `POST /webhooks/mail/generic`, for any relay that can
 * call a URL: the body is one JSON object in this shape, and the header X-Samizdat-Signature
 * holds the hex HMAC-SHA256 of the raw body under MAIL_WEBHOOK_SECRET (optionally prefixed
 * `sha256=`). A replayed body is the same event (its id is a digest of the body).
 */
export const genericMailEventSchema = z
  .object({
    type: z.enum(['hard', 'soft', 'complaint']),
    email: z.string().min(3).max(320),
    messageId: z.string().max(998).optional(),
    reason: z.string().max(500).optional(),
  })
  .strict();

export const GENERIC_SIGNATURE_HEADER = 'x-samizdat-signature';

export function signGenericBody(secret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** Checks the signature first (nothing is read from an unsigned body), then the shape. */
export function parseGenericWebhook(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
): MailEvent {
  if (!secret)
    throw new MailEventRejected(
      'not-configured',
      'the generic mail webhook is off (MAIL_WEBHOOK_SECRET is empty)',
    );
  const given = /^(?:sha256=)?([0-9a-f]{64})$/i.exec(signature?.trim() ?? '')?.[1];
  if (!given)
    throw new MailEventRejected('signature', 'X-Samizdat-Signature is missing or not a hex HMAC-SHA256');
  const expected = Buffer.from(signGenericBody(secret, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex')))
    throw new MailEventRejected('signature', 'X-Samizdat-Signature does not match the body');
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new MailEventRejected('malformed', 'the body is not JSON');
  }
  const parsed = genericMailEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MailEventRejected('malformed', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const { type, email, messageId, reason } = parsed.data;
  return {
    id: `generic:${createHash('sha256').update(rawBody).digest('hex')}`,
    type,
    email,
    ...(messageId ? { messageId } : {}),
    ...(reason ? { detail: reason } : {}),
  };
}
