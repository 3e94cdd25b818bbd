import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from './actor.ts';

/**
 * What the staff module needs of the audit log (the audit module's recorder fits it; the audit
 * module depends on this one for `Actor`, so it is named here rather than imported). Summaries
 * never carry an email address or a name: the account is the entry's object, by its id.
 */
export interface StaffAudit {
  record(
    entry: {
      actor: Actor;
      /** Default: from the actor ("admin app" for a staff session); "CLI" from the command line. */
      origin?: string;
      action: string;
      objectType: 'staff' | 'staff_invite';
      objectId: string;
      summary: string;
    },
    options?: { trx?: Transaction<Database> },
  ): Promise<void>;
}

/** For callers that record nothing (tests building the module on its own). */
export const noStaffAudit: StaffAudit = { record: async () => {} };

/** Where a staff operation was asked from, when its actor does not say it (the CLI). */
export interface StaffOrigin {
  origin?: string;
}
