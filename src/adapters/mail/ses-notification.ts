import { z } from 'zod';
import { MailEventRejected, type MailEvent, type MailEventType } from './mail-event.ts';

// The JSON inside an SNS Notification from Amazon SES: a bounce (Permanent: hard; Transient or
// Undetermined: soft) or a complaint, for one or more recipients. Both SES notification
// (`notificationType`) and event-publishing (`eventType`) messages have this shape. Delivery and
// other kinds are read and ignored.

const recipients = z.array(z.object({ emailAddress: z.string().max(320) }).passthrough()).max(1000);

const sesMessageSchema = z
  .object({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    mail: z.object({ messageId: z.string().optional() }).passthrough().optional(),
    bounce: z
      .object({
        bounceType: z.string(),
        bounceSubType: z.string().optional(),
        bouncedRecipients: z.array(
          z
            .object({
              emailAddress: z.string().max(320),
              status: z.string().optional(),
              diagnosticCode: z.string().optional(),
            })
            .passthrough(),
        ),
      })
      .passthrough()
      .optional(),
    complaint: z
      .object({ complainedRecipients: recipients, complaintFeedbackType: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** Events for each recipient; `snsMessageId` makes their ids stable across SNS's retries. */
export function sesEvents(snsMessageId: string, message: string): MailEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw new MailEventRejected('malformed', 'the SNS Message is not SES JSON');
  }
  const parsed = sesMessageSchema.safeParse(json);
  if (!parsed.success) throw new MailEventRejected('malformed', 'the SNS Message is not an SES notification');
  const m = parsed.data;
  const kind = m.notificationType ?? m.eventType;
  const messageId = m.mail?.messageId;
  const event = (i: number, type: MailEventType, email: string, detail: string): MailEvent => ({
    id: `ses:${snsMessageId}:${i}`,
    type,
    email,
    detail: detail.slice(0, 500),
    ...(messageId ? { messageId } : {}),
  });
  if (kind === 'Bounce') {
    if (!m.bounce) throw new MailEventRejected('malformed', 'an SES bounce without its bounce object');
    const type = m.bounce.bounceType === 'Permanent' ? 'hard' : 'soft';
    const subtype = `${m.bounce.bounceType}/${m.bounce.bounceSubType ?? ''}`;
    return m.bounce.bouncedRecipients.map((r, i) =>
      event(i, type, r.emailAddress, r.status ? `${subtype} ${r.status}` : subtype),
    );
  }
  if (kind === 'Complaint') {
    if (!m.complaint)
      throw new MailEventRejected('malformed', 'an SES complaint without its complaint object');
    const detail = `complaint ${m.complaint.complaintFeedbackType ?? ''}`.trim();
    return m.complaint.complainedRecipients.map((r, i) => event(i, 'complaint', r.emailAddress, detail));
  }
  return [];
}
