import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../staff/index.ts';

/** What happened, as the code that made the change says it. */
export interface AuditEntry {
  actor: Actor;
  /**
   * Where the change came from, coarsely: "admin app", "API key laptop", "CLI", "system".
   * Default: from the actor (originOf).
   */
  origin?: string;
  /** `<object type>.<verb>`, e.g. "article.publish", "tag.delete", "api_key.create". */
  action: string;
  objectType: string;
  objectId: string | null;
  /** One line for a person reading the log. Never personal data (emails, real names). */
  summary: string;
}

/** An entry as stored. */
export interface AuditRecord {
  id: number;
  at: string;
  actorKind: string;
  actorId: string;
  actorLabel: string;
  origin: string;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: string;
}

/** The one thing other modules need: record an entry, inside the change's transaction if any. */
export interface AuditRecorder {
  record(entry: AuditEntry, options?: { trx?: Transaction<Database> }): Promise<void>;
  /** Many entries in one statement (a batch of imported articles), in their order. */
  recordMany?(entries: AuditEntry[], options?: { trx?: Transaction<Database> }): Promise<void>;
}

export const AUDIT_PAGE_MAX = 200;

export const auditQuerySchema = z
  .object({
    /** Entries older than this id (the previous page's next_before). */
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
    /** "api-key:<id>", "staff:<id>" or "system" (an actor ref). */
    actor: z.string().min(1).max(200).optional(),
    object_type: z.string().min(1).max(50).optional(),
    object_id: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(100).optional(),
  })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;
