import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AuditLogTable, Database } from '../../db/schema.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import { AUDIT_CSV_HEADER, auditCsvRow } from './audit-csv.ts';
import { originOf } from './audit-origin.ts';
import type { AuditEntry, AuditQuery, AuditRecord, AuditRecorder } from './audit.types.ts';

const SUMMARY_MAX = 500;
/** An export larger than this is cut (the last line says so); page with `before` for more. */
export const AUDIT_CSV_MAX_ROWS = 100_000;
const CSV_BATCH = 1000;

/** One line, no control characters, bounded: the log is read on screens and in spreadsheets. */
function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function toRecord(row: Selectable<AuditLogTable>): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    origin: row.origin,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    summary: row.summary,
  };
}

/**
 * The audit log: who changed what, when, from where. Append-only: this module has no operation
 * that updates or deletes an entry, and nothing else writes the table.
 */
export function createAuditLog(deps: { db: Db; now?: Clock }) {
  const { kysely } = deps.db;
  const now = deps.now ?? systemClock;

  function select(db: Kysely<Database>, query: Omit<AuditQuery, 'limit'>, limit: number) {
    let q = db.selectFrom('audit_log').selectAll();
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    if (query.object_type) q = q.where('object_type', '=', query.object_type);
    if (query.object_id) q = q.where('object_id', '=', query.object_id);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.actor) {
      const [kind, ...rest] = query.actor.split(':');
      const id = rest.join(':');
      q =
        query.actor === 'system'
          ? q.where('actor_kind', '=', 'system')
          : q.where('actor_kind', '=', kind!).where('actor_id', '=', id);
    }
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  const rowOf = (entry: AuditEntry, at: string) => ({
    at,
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    actor_label: oneLine(entry.actor.label, 200),
    origin: oneLine(entry.origin ?? originOf(entry.actor), 200),
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    summary: oneLine(entry.summary, SUMMARY_MAX),
  });

  const recorder: AuditRecorder = {
    async record(entry: AuditEntry, options: { trx?: Transaction<Database> } = {}) {
      await (options.trx ?? kysely)
        .insertInto('audit_log')
        .values(rowOf(entry, iso(now())))
        .execute();
    },
    async recordMany(entries: AuditEntry[], options: { trx?: Transaction<Database> } = {}) {
      if (entries.length === 0) return;
      const at = iso(now());
      await (options.trx ?? kysely)
        .insertInto('audit_log')
        .values(entries.map((e) => rowOf(e, at)))
        .execute();
    },
  };

  return {
    record: recorder.record,
    recordMany: recorder.recordMany,

    /** Newest first; `nextBefore` is the cursor for the next page (null on the last one). */
    async list(query: AuditQuery): Promise<{ entries: AuditRecord[]; nextBefore: number | null }> {
      const rows = await select(kysely, query, query.limit + 1);
      const entries = rows.slice(0, query.limit).map(toRecord);
      return { entries, nextBefore: rows.length > query.limit ? entries[entries.length - 1]!.id : null };
    },

    /** The matching entries as CSV, newest first, produced in batches (never the whole log in memory). */
    async *csv(query: Omit<AuditQuery, 'limit'>): AsyncGenerator<string> {
      yield AUDIT_CSV_HEADER;
      let before = query.before;
      let sent = 0;
      while (sent < AUDIT_CSV_MAX_ROWS) {
        const rows = await select(
          kysely,
          { ...query, ...(before !== undefined ? { before } : {}) },
          CSV_BATCH,
        );
        if (rows.length === 0) return;
        let chunk = '';
        for (const row of rows.slice(0, AUDIT_CSV_MAX_ROWS - sent)) chunk += auditCsvRow(toRecord(row));
        yield chunk;
        sent += rows.length;
        before = Number(rows[rows.length - 1]!.id);
        if (rows.length < CSV_BATCH) return;
      }
      yield `# cut at ${AUDIT_CSV_MAX_ROWS} rows: export again with before=${before}\r\n`;
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
