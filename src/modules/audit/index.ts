// The audit module's public surface: record who changed what (inside the change's transaction),
// read it back page by page, export it as CSV. See README.md.
export { createAuditLog, AUDIT_CSV_MAX_ROWS, type AuditLog } from './audit-log.ts';
export { originOf } from './audit-origin.ts';
export { csvField, csvRow } from './audit-csv.ts';
export {
  auditQuerySchema,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type AuditRecorder,
} from './audit.types.ts';
