// The import module's public surface: readers of other platforms' exports (each streams its file
// into one item shape) and the import that brings the items in, idempotently, with redirects.
export { runImport, type ImportDeps, type ImportOptions } from './run-import.ts';
export { readWordPress } from './wxr-reader.ts';
export { readGhost } from './ghost-reader.ts';
export { readSubstack } from './substack-reader.ts';
export { formatReport } from './import-report.ts';
export type { ImportItem, ImportReport, ImportSource } from './import.types.ts';
