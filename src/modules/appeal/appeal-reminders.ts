import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AnyJobDefinition, JobQueue } from '../../adapters/jobs/index.ts';
import type { Mailer } from '../../adapters/mail/index.ts';
import { lookupHash, open, seal } from '../../crypto/sealed-box.ts';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { ValidationError } from '../../domain/errors.ts';
import { interfaceLanguages, translate } from '../../i18n/index.ts';
import { iso, type Clock } from '../../lib/time.ts';
import { DAY_MS } from './appeal-rules.ts';

// "Email me a reminder" under "Remind me later": the address is kept sealed (a keyed hash finds a
// repeat), with the consent (when, on which page, under which privacy policy if the site names
// one), until one reminder is sent when the snooze ends; then the row is deleted. A reader who
// asks twice gets one reminder, at the later date.

export const REMINDER_TASK = 'appeal.reminder';
const reminderJobKey = (id: string) => `appeal:reminder:${id}`;

export const reminderRequestSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ message: 'must be an e-mail address' })),
    lang: z.string().max(8).optional(),
    page: z.string().max(500).optional(),
  })
  .strip();

export interface ReminderDeps {
  db: Db;
  keys: { encryption: Buffer; hashing: Buffer };
  jobs: Pick<JobQueue, 'enqueue'>;
  mailer: Mailer;
  now: Clock;
  snoozeDays: () => number;
  /** Where the reminder leads (the /support page, absolute). */
  supportUrl: (lang: string) => string;
  publicationName: () => string;
  /** The privacy policy's version the reader agreed under, when the site has one. */
  policyVersion?: () => string | null;
}

export function createReminders(deps: ReminderDeps) {
  const { db, keys } = deps;
  return {
    /** Store (or move) one reminder for the end of the snooze. Bad input stores nothing. */
    async remindLater(input: unknown): Promise<{ remindAt: Date }> {
      const parsed = reminderRequestSchema.safeParse(input);
      if (!parsed.success) throw new ValidationError('invalid reminder', { issues: parsed.error.issues });
      const { email } = parsed.data;
      const lang = interfaceLanguages.includes(parsed.data.lang ?? '')
        ? parsed.data.lang!
        : interfaceLanguages[0]!;
      // A path on this site only: "//other.example/..." is another origin, recorded as "/".
      const given = parsed.data.page ?? '';
      const page = given.startsWith('/') && !given.startsWith('//') && !given.includes('\\') ? given : '/';
      const at = deps.now();
      const remindAt = new Date(at.getTime() + deps.snoozeDays() * DAY_MS);
      const hash = lookupHash(keys.hashing, email);
      await db.kysely.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('appeal_reminders')
          .select('id')
          .where('email_hash', '=', hash)
          .executeTakeFirst();
        const id = existing?.id ?? randomUUID();
        const values = {
          email_sealed: seal(keys.encryption, email),
          lang,
          consent_at: iso(at),
          consent_page: page,
          policy_version: deps.policyVersion?.() ?? null,
          remind_at: iso(remindAt),
        };
        if (existing) await trx.updateTable('appeal_reminders').set(values).where('id', '=', id).execute();
        else
          await trx
            .insertInto('appeal_reminders')
            .values({ id, email_hash: hash, ...values })
            .execute();
        await deps.jobs.enqueue(REMINDER_TASK, { id }, { runAt: remindAt, key: reminderJobKey(id), trx });
      });
      return { remindAt };
    },

    /** The job: send the reminder if it is still due, then forget the address. Idempotent. */
    async send(id: string): Promise<void> {
      const row = await db.kysely
        .selectFrom('appeal_reminders')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return;
      // Moved to a later date by a second request: that job sends it.
      if (row.remind_at > iso(deps.now())) return;
      const name = deps.publicationName();
      await deps.mailer.send({
        to: open(keys.encryption, row.email_sealed),
        subject: translate(row.lang, 'appeal.reminder_subject', { name }),
        text: translate(row.lang, 'appeal.reminder_body', { name, url: deps.supportUrl(row.lang) }),
      });
      await db.kysely.deleteFrom('appeal_reminders').where('id', '=', id).execute();
    },
  };
}

/**
 * Erasure: a donor or subscriber who erases themselves is forgotten here too. The reminder is
 * found by the keyed hash of the normalised address (trimmed, lower-cased), the same hash the
 * donors and subscribers tables keep, so the caller passes its own row's hash and needs no key.
 * Its pending job goes with it, in the same transaction.
 */
export async function forgetReminders(
  trx: Kysely<Database>,
  jobs: Pick<JobQueue, 'cancel'>,
  emailHash: string | null,
): Promise<number> {
  if (!emailHash) return 0;
  const rows = await trx
    .selectFrom('appeal_reminders')
    .select('id')
    .where('email_hash', '=', emailHash)
    .execute();
  for (const { id } of rows) {
    await jobs.cancel(reminderJobKey(id), { trx });
    await trx.deleteFrom('appeal_reminders').where('id', '=', id).execute();
  }
  return rows.length;
}

/** The reminder job; `send` reaches the appeal built after the queue. */
export function appealJobs(deps: { sendReminder: (id: string) => Promise<void> }): AnyJobDefinition[] {
  return [
    {
      name: REMINDER_TASK,
      payload: z.object({ id: z.string().max(64) }).strict(),
      async handler(payload: { id: string }) {
        await deps.sendReminder(payload.id);
      },
    } as AnyJobDefinition,
  ];
}
