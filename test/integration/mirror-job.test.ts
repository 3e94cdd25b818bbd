// MIRROR_DIR: a publish, an edit or a withdrawal enqueues one keyed export job (in the change's
// own transaction), which exports and then runs MIRROR_HOOK. A hook that fails or hangs is
// logged and stopped, the job still succeeds, and the next change exports again.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { runHook } from '../../src/modules/mirrors/index.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

describe('MIRROR_HOOK', () => {
  it('reports a failing command with its exit code and output', async () => {
    const dir = tempDir('hook');
    const result = await runHook('echo "pushing $MIRROR_DIR"; echo oops >&2; exit 3', { dir, timeoutS: 10 });
    expect(result).toMatchObject({ ok: false, code: 3, timedOut: false, summary: 'failed with exit code 3' });
    expect(result.output).toContain(`pushing ${dir}`);
    expect(result.output).toContain('oops');
  });

  it('stops a hanging command and what it started after the timeout', async () => {
    const dir = tempDir('hook');
    const result = await runHook('sleep 60 & echo $! > child.pid; wait', { dir, timeoutS: 1 });
    expect(result).toMatchObject({
      ok: false,
      timedOut: true,
      summary: 'did not finish within 1 s and was stopped',
    });
    const child = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    // Gone, or a zombie waiting for this container's init to reap it.
    const state = existsSync(`/proc/${child}/status`)
      ? /^State:\s+(\S)/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1]
      : 'gone';
    expect(['gone', 'Z']).toContain(state);
  });

  it('runs in the mirror folder and succeeds', async () => {
    const dir = tempDir('hook');
    const result = await runHook('touch pushed', { dir, timeoutS: 10 });
    expect(result).toMatchObject({ ok: true, code: 0, summary: 'finished' });
    expect(existsSync(join(dir, 'pushed'))).toBe(true);
  });
});

describe.each(testDatabases)('MIRROR_DIR job on %s', (dialect) => {
  let t: SiteTestApp;
  let dir: string;
  let hookDir: string;

  beforeAll(async () => {
    dir = tempDir('mirror-job');
    hookDir = tempDir('mirror-hook');
    t = await startSiteTestApp(dialect, {
      env: {
        MIRROR_DIR: dir,
        // Counts its runs, then fails: the job must still succeed.
        MIRROR_HOOK: `echo run >> ${hookDir}/runs; exit 1`,
        MIRROR_HOOK_TIMEOUT_S: '5',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('exports after a publish and after an edit, runs the failing hook each time, and fails no job', async () => {
    // The seed's changes enqueued it already: the first run exports everything.
    await t.services.jobs.runUntilIdle?.();
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    const runsAfterSeed = readFileSync(join(hookDir, 'runs'), 'utf8').split('\n').filter(Boolean).length;
    expect(runsAfterSeed).toBeGreaterThanOrEqual(1);

    const created = await t.services.articles.create(systemActor, {
      title: 'Published while a mirror is kept',
      standfirst: 'Short.',
      body_html: '<p>Body.</p>',
      language: 'en',
      status: 'published',
    });
    await t.services.jobs.runUntilIdle?.();
    const page = join(dir, `articles/${created.slug}/index.html`);
    expect(readFileSync(page, 'utf8')).toContain('Published while a mirror is kept');

    await t.services.articles.update(systemActor, created.id, {
      version: created.version,
      title: 'Edited on the mirror',
    });
    await t.services.jobs.runUntilIdle?.();
    expect(readFileSync(page, 'utf8')).toContain('Edited on the mirror');

    await t.services.articles.unpublish(systemActor, created.id);
    await t.services.jobs.runUntilIdle?.();
    expect(existsSync(page)).toBe(false);

    const runs = readFileSync(join(hookDir, 'runs'), 'utf8').split('\n').filter(Boolean).length;
    expect(runs).toBe(runsAfterSeed + 3);
    expect(await t.services.jobs.failed()).toEqual([]);
  }, 120_000);

  it('a draft saved does not export', async () => {
    const before = readFileSync(join(hookDir, 'runs'), 'utf8');
    await t.services.articles.create(systemActor, {
      title: 'A draft',
      standfirst: '',
      body_html: '<p>Not yet.</p>',
      language: 'en',
    });
    await t.services.jobs.runUntilIdle?.();
    expect(readFileSync(join(hookDir, 'runs'), 'utf8')).toBe(before);
  });
});
