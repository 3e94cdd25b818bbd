import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { settle, waitFor } from '../support/wait-for.ts';
import { tempDir } from '../support/temp-dir.ts';

// These tests wait on real time (1.8 s and 2.5 s): the publish job's run_at is compared with the
// clock of the queue (graphile-worker reads PostgreSQL's now()), which a test cannot move. An
// injectable clock for the embedded queue and the article service would make them instant.

describe.each(testDatabases)('scheduled publishing on %s', (dialect) => {
  let db: TestDb | undefined;
  const open: Services[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await db?.destroy();
  });

  const container = async (dataDir: string) => {
    const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: dataDir });
    // openTestDb migrated it, under the schema lock (support/test-db.ts).
    const services = await createServices(config, { db: db!, migrate: false });
    open.push(services);
    return services;
  };

  it('publishes at its time, also when no process was running at that moment', async () => {
    db = await openTestDb(dialect);
    const dataDir = tempDir('sched');
    const first = await container(dataDir);
    const at = new Date(Date.now() + 1500).toISOString();
    const article = await first.articles.create(systemActor, {
      title: 'Embargoed until dawn',
      status: 'scheduled',
      published_at: at,
    });
    expect(article.status).toBe('scheduled');
    // The process "goes down" before the time comes: no worker ever ran in it.
    await first.close();
    open.length = 0;
    await settle(1800); // past the publish time, with no process running
    expect((await first.articles.get(article.id)).status).toBe('scheduled');

    const second = await container(dataDir);
    await second.jobs.start();
    await waitFor(async () => (await second.articles.get(article.id)).status === 'published', {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'the overdue article was published',
    });
    const after = await second.articles.get(article.id);
    expect(after.publishedAt).toBe(at);
    // Running the job again publishes nothing twice.
    expect(await second.articles.publishDue()).toEqual([]);
  }, 40_000);

  it('does not publish early, and unscheduling cancels it', async () => {
    db = await openTestDb(dialect);
    const services = await container(tempDir('sched'));
    await services.jobs.start();
    const later = await services.articles.create(systemActor, {
      title: 'Tomorrow morning',
      status: 'scheduled',
      published_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const soon = await services.articles.create(systemActor, {
      title: 'Pulled story',
      status: 'scheduled',
      published_at: new Date(Date.now() + 1200).toISOString(),
    });
    await services.articles.unpublish(systemActor, soon.id);
    await settle(2500); // past the cancelled publish time: it must not go out
    expect((await services.articles.get(later.id)).status).toBe('scheduled');
    expect((await services.articles.get(soon.id)).status).toBe('draft');
  }, 30_000);
});
