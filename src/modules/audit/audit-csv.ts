import type { AuditRecord } from './audit.types.ts';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A field a spreadsheet would read as a formula (it starts with = + - @, or a tab or carriage
 * return before one) gets a leading apostrophe first, so opening the export runs nothing.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null>): string {
  return values.map(csvField).join(',') + '\r\n';
}

export const AUDIT_CSV_HEADER = csvRow([
  'id',
  'at',
  'actor_kind',
  'actor_id',
  'actor_label',
  'origin',
  'action',
  'object_type',
  'object_id',
  'summary',
]);

export function auditCsvRow(r: AuditRecord): string {
  return csvRow([
    r.id,
    r.at,
    r.actorKind,
    r.actorId,
    r.actorLabel,
    r.origin,
    r.action,
    r.objectType,
    r.objectId,
    r.summary,
  ]);
}
