// With MIRROR_DIR set, the mirror follows the site: every public article change (publish, edit,
// withdrawal, deletion) and every settings, taxonomy or media change enqueues one keyed job, so
// a burst of changes makes one pending export, not one each. The handler exports (incrementally
// when it can) and then runs MIRROR_HOOK. An export that fails is retried by the queue; a hook
// that fails or hangs is logged and the job still succeeds, so the next change exports again.
// An incremental export leaves the later pages of listings as they were (docs/mirrors.md), so a
// full export also runs every night (mirrorSchedules), under a key of its own.
import { z } from 'zod';
import type { AnyJobDefinition, JobLog, RecurringSchedule } from '../../adapters/jobs/index.ts';
import type { Config } from '../../config/config.schema.ts';
import { runHook } from './run-hook.ts';

export const MIRROR_EXPORT_TASK = 'mirror.export';
/** One pending export at a time: enqueueing again replaces it. */
export const MIRROR_JOB_KEY = 'mirror:export';

/** What an export reports (the web layer's exporter returns more; the job logs this much). */
export interface MirrorExportSummary {
  mode: 'full' | 'incremental';
  reason?: string;
  written: number;
  unchanged: number;
  deleted: number;
}

/** The static exporter: it renders through the web server, so the web layer supplies it. */
export type MirrorExporter = (options: {
  dir: string;
  baseUrl?: string;
  /** Re-render every file, not only what changed since the last export. */
  full?: boolean;
}) => Promise<MirrorExportSummary>;

export interface MirrorJobDeps {
  config: Pick<Config, 'MIRROR_DIR' | 'MIRROR_HOOK' | 'MIRROR_HOOK_TIMEOUT_S' | 'MIRROR_BASE_URL'>;
  /** The export itself (bound late: it needs the services the queue is part of). */
  exportMirror: MirrorExporter;
  log: JobLog;
}

export function mirrorJobs(deps: MirrorJobDeps): AnyJobDefinition[] {
  const { config, log } = deps;
  if (!config.MIRROR_DIR) return [];
  return [
    {
      name: MIRROR_EXPORT_TASK,
      payload: z.object({ full: z.boolean().optional() }).strict(),
      maxAttempts: 10,
      async handler(payload: { full?: boolean }) {
        const dir = config.MIRROR_DIR;
        const result = await deps.exportMirror({
          dir,
          ...(config.MIRROR_BASE_URL ? { baseUrl: config.MIRROR_BASE_URL } : {}),
          ...(payload.full ? { full: true } : {}),
        });
        log('info', 'mirror exported', {
          dir,
          mode: result.mode,
          ...(result.reason ? { reason: result.reason } : {}),
          written: result.written,
          unchanged: result.unchanged,
          deleted: result.deleted,
        });
        if (!config.MIRROR_HOOK) return;
        const hook = await runHook(config.MIRROR_HOOK, { dir, timeoutS: config.MIRROR_HOOK_TIMEOUT_S });
        log(hook.ok ? 'info' : 'error', `MIRROR_HOOK ${hook.summary}`, { dir, output: hook.output });
      },
    } as AnyJobDefinition,
  ];
}

/** The nightly full export (03:41 in the newsroom's zone), when MIRROR_DIR is set. */
export function mirrorSchedules(config: Pick<Config, 'MIRROR_DIR'>, timeZone: string): RecurringSchedule[] {
  if (!config.MIRROR_DIR) return [];
  return [
    {
      name: 'mirror-nightly-full',
      cron: '41 3 * * *',
      timeZone,
      task: MIRROR_EXPORT_TASK,
      payload: { full: true },
      catchUp: true,
    },
  ];
}
