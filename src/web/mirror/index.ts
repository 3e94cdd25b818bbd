// The static mirror: `samizdat mirror export DIR`, and the job that keeps MIRROR_DIR current.
export {
  exportMirror,
  MirrorError,
  type MirrorExportOptions,
  type MirrorExportResult,
} from './export-mirror.ts';
