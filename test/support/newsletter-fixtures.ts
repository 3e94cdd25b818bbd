import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/connect.ts';

/** An issue row for the engine's tests (a send belongs to an issue). */
export async function insertIssue(db: Db, id = randomUUID()): Promise<string> {
  const at = new Date().toISOString();
  await db.kysely
    .insertInto('newsletter_issues')
    .values({
      id,
      newsletter_id: `list-${id}`,
      number: 1,
      slug: `weekly-${id.slice(0, 8)}`,
      kind: 'digest',
      status: 'sending',
      subject: 'Weekly',
      intro: '',
      language: 'en',
      since: at,
      scheduled_for: null,
      created_at: at,
      updated_at: at,
      edited_by: null,
      sent_at: null,
    })
    .execute();
  return id;
}
