import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createContainer, type Services } from '../../src/container.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

describe.each(testDatabases)('scheduled publishing on %s', (dialect) => {
  let db: TestDb | undefined;
  const open: Services[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await db?.destroy();
  });

  const container = async (dataDir: string) => {
    const config = loadConfig({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: dataDir });
    const services = await createContainer(config, { db: db! });
    open.push(services);
    return services;
  };

  it('publishes at its time, also when no process was running at that moment', async () => {
    db = await openTestDb(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-sched-'));
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
    await sleep(1800);
    expect((await first.articles.get(article.id)).status).toBe('scheduled');

    const second = await container(dataDir);
    await second.jobs.start();
    const published = await waitFor(
      async () => (await second.articles.get(article.id)).status === 'published',
      20_000,
    );
    expect(published).toBe(true);
    const after = await second.articles.get(article.id);
    expect(after.publishedAt).toBe(at);
    // Running the job again publishes nothing twice.
    expect(await second.articles.publishDue()).toEqual([]);
  }, 40_000);

  it('does not publish early, and unscheduling cancels it', async () => {
    db = await openTestDb(dialect);
    const services = await container(mkdtempSync(join(tmpdir(), 'samizdat-sched-')));
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
    await sleep(2500);
    expect((await services.articles.get(later.id)).status).toBe('scheduled');
    expect((await services.articles.get(soon.id)).status).toBe('draft');
  }, 30_000);
});
