// The static mirror: `samizdat mirror export DIR`, and the job that keeps MIRROR_DIR current.
export {
  exportMirror,
  MirrorError,
  type MirrorExportOptions,
  type MirrorExportResult,
} from './export-mirror.ts';
export { mirrorJobs, MIRROR_EXPORT_TASK, MIRROR_JOB_KEY } from './mirror-job.ts';
export { runHook, type HookResult } from './run-hook.ts';
