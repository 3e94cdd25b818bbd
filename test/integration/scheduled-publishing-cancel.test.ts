import { systemActor } from '../../src/modules/staff/actor.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import { jobBackendCases } from '../support/job-backends.ts';
import { storedJobs } from '../support/stored-jobs.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

// The publish job of an article that is no longer scheduled would publish nothing (the handler
// publishes only scheduled articles that are due), so the only trace of a missing cancellation is
// the job left in the queue: these tests read the queue's storage.
describe.each(jobBackendCases)('the publication schedule in the queue, on %s (%s)', (dialect, backend) => {
  let db: TestDb | undefined;
  let services: Services | undefined;
  afterEach(async () => {
    await services?.close();
    await db?.destroy();
  });

  const open = async () => {
    db = await openTestDb(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-cancel-'));
    const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: dataDir });
    services = await createServices(config, { db, changeFeed: false, jobBackend: backend });
    return services;
  };
  const publishJobs = async () =>
    (await storedJobs(db!, backend))
      .filter((j) => j.task === 'articles.publish-due')
      .map((j) => ({ key: j.key, runAt: j.runAt.toISOString() }));

  it('keeps one publish job per scheduled article, at its time, and moves it when rescheduled', async () => {
    const s = await open();
    const at = inHours(24);
    const article = await s.articles.create(systemActor, {
      title: 'Embargoed',
      status: 'scheduled',
      published_at: at,
    });
    expect(await publishJobs()).toEqual([{ key: `publish:${article.id}`, runAt: at }]);
    const later = inHours(48);
    await s.articles.schedule(systemActor, article.id, { published_at: later });
    expect(await publishJobs()).toEqual([{ key: `publish:${article.id}`, runAt: later }]);
  });

  it('unscheduling cancels the publish job', async () => {
    const s = await open();
    const kept = await s.articles.create(systemActor, {
      title: 'Kept',
      status: 'scheduled',
      published_at: inHours(24),
    });
    const pulled = await s.articles.create(systemActor, {
      title: 'Pulled',
      status: 'scheduled',
      published_at: inHours(24),
    });
    await s.articles.unpublish(systemActor, pulled.id);
    expect((await s.articles.get(pulled.id)).status).toBe('draft');
    expect((await publishJobs()).map((j) => j.key)).toEqual([`publish:${kept.id}`]);
  });

  it('publishing a scheduled article now cancels its publish job', async () => {
    const s = await open();
    const article = await s.articles.create(systemActor, {
      title: 'Early',
      status: 'scheduled',
      published_at: inHours(24),
    });
    await s.articles.publish(systemActor, article.id);
    expect(await publishJobs()).toEqual([]);
  });

  it('deleting a scheduled article cancels its publish job', async () => {
    const s = await open();
    const article = await s.articles.create(systemActor, {
      title: 'Spiked',
      status: 'scheduled',
      published_at: inHours(24),
    });
    await s.articles.delete(systemActor, article.id);
    expect(await publishJobs()).toEqual([]);
  });
});
