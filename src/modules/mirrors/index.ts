// The signed mirror list (README.md): what it holds, how it is signed and checked.
export { canonicalJson } from './canonical-json.ts';
export {
  MIRROR_LIST_FORMAT,
  STALE_AFTER_DAYS,
  publicKeyFromText,
  publicKeyText,
  signMirrorList,
  verifyMirrorList,
  type SignedMirrorList,
  type VerifyResult,
} from './signed-list.ts';
export { loadOrCreateMirrorKey, mirrorKeyFile, type MirrorSigningKey } from './mirror-key.ts';
export { createMirrorService, currentMirrors, noteIn, type MirrorService } from './mirror-list.ts';
export type { MirrorEntry, MirrorKind } from '../../lib/mirror-entries.ts';
export {
  mirrorJobs,
  MIRROR_EXPORT_TASK,
  mirrorSchedules,
  MIRROR_JOB_KEY,
  type MirrorExporter,
  type MirrorExportSummary,
} from './export-job.ts';
export { runHook, type HookResult } from './run-hook.ts';
export { createSosSender, type SosSender, type SosOutcome, type SosProgress } from './sos-send.ts';
export { sosText, SOS_MAX_BYTES } from './sos-letter.ts';
