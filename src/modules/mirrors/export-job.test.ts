import { describe, expect, it } from 'vitest';
import { mirrorJobs, mirrorSchedules, MIRROR_EXPORT_TASK, type MirrorExporter } from './export-job.ts';

// The mirror job's wiring: a change exports incrementally, the nightly schedule asks for a full
// export (an incremental one leaves later listing pages as they were), and neither exists without
// MIRROR_DIR. The exports themselves are tested through the real exporter (mirror-*.test.ts).

const config = { MIRROR_DIR: '/srv/mirror', MIRROR_HOOK: '', MIRROR_HOOK_TIMEOUT_S: 60, MIRROR_BASE_URL: '' };

function jobWith(exporter: MirrorExporter) {
  const [job] = mirrorJobs({ config, exportMirror: exporter, log: () => {} });
  return job!;
}

describe('mirror export job and schedule', () => {
  it('runs a full export every night at 03:41 in the newsroom zone, only with MIRROR_DIR', () => {
    expect(mirrorSchedules({ MIRROR_DIR: '' }, 'Europe/Riga')).toEqual([]);
    const [nightly, ...others] = mirrorSchedules(config, 'Europe/Riga');
    expect(others).toEqual([]);
    expect(nightly).toMatchObject({
      cron: '41 3 * * *',
      timeZone: 'Europe/Riga',
      task: MIRROR_EXPORT_TASK,
      payload: { full: true },
      catchUp: true,
    });
    // The schedule's payload is one the job accepts.
    expect(
      jobWith(async () => ({ mode: 'full', written: 0, unchanged: 0, deleted: 0 })).payload.parse(
        nightly!.payload,
      ),
    ).toEqual({
      full: true,
    });
  });

  it('asks the exporter for a full export only when the payload says so', async () => {
    const asked: Array<Parameters<MirrorExporter>[0]> = [];
    const job = jobWith(async (options) => {
      asked.push(options);
      return { mode: options.full ? 'full' : 'incremental', written: 1, unchanged: 0, deleted: 0 };
    });
    await job.handler(job.payload.parse({}), {} as never);
    await job.handler(job.payload.parse({ full: true }), {} as never);
    expect(asked).toEqual([{ dir: '/srv/mirror' }, { dir: '/srv/mirror', full: true }]);
    expect(() => job.payload.parse({ full: 'yes' })).toThrow();
  });
});
