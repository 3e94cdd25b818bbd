import { systemActor } from '../../src/modules/staff/actor.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { createServices } from '../../src/web/services.ts';
import { createArticleFollowUps } from '../../src/modules/articles/article-follow-ups.ts';
import { CORPUS, publishedAt } from '../support/related-corpus.ts';
import { searchArticles } from '../../src/modules/search/index.ts';
import { buildServer } from '../../src/web/server.ts';
import { createPublicSite } from '../../src/web/public-site.ts';
import { jobBackendCases, type JobBackend } from '../support/job-backends.ts';
import { makeJobsDue, storedJobs } from '../support/stored-jobs.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

type Logged = { level: string; message: string; fields?: Record<string, unknown> };

const RIVER_STORY = {
  title: 'Chemical plant fined over the poisoned river',
  standfirst: 'A court fined the factory whose waste turned the river red and killed the fish.',
  body_html:
    '<p>The chemical plant must pay for the pollution. Fishermen downstream of the factory said the river waste killed fish for months.</p>',
};

/** A process of Samizdat: its container and HTTP server over a shared database, no worker running. */
async function openProcess(db: TestDb, backend: JobBackend, dataDir: string) {
  const logged: Logged[] = [];
  const config = loadConfig({
    env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
    cwd: dataDir,
  });
  const services = await createServices(config, {
    db,
    changeFeed: false,
    jobBackend: backend,
    log: (level, message, fields) => logged.push({ level, message, ...(fields ? { fields } : {}) }),
  });
  const app = await buildServer(services, { site: await createPublicSite(services) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const key = (await services.apiKeys.create({ name: 'test owner', role: 'owner' })).key;
  const api = (path: string, method: string, body?: unknown) =>
    fetch(`${baseUrl}/api/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return {
    services,
    logged,
    api,
    page: async (path: string) => (await fetch(baseUrl + path)).text(),
    async close() {
      await app.close();
      await services.close();
    },
  };
}

/** The published English stories of the related-articles corpus, saved through the service. */
async function saveCorpus(services: Services) {
  for (const a of CORPUS.filter((c) => c.status === 'published' && c.language === 'en')) {
    await services.articles.create(systemActor, {
      title: a.title,
      standfirst: a.standfirst,
      body_html: `<p>${a.body}</p>`,
      status: 'published',
      published_at: publishedAt(a) ?? undefined,
    });
  }
}

/** Make every insert into the search index fail, the way a broken index would. */
async function breakSearchIndex(db: TestDb) {
  if (db.dialect === 'sqlite') {
    await sql`CREATE TRIGGER refuse_indexing BEFORE INSERT ON article_search_rowids
      BEGIN SELECT RAISE(ABORT, 'the search index refuses'); END`.execute(db.kysely);
    return;
  }
  await sql`CREATE FUNCTION refuse_indexing() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the search index refuses'; END $$`.execute(db.kysely);
  await sql`CREATE TRIGGER refuse_indexing BEFORE INSERT ON article_search
    FOR EACH ROW EXECUTE FUNCTION refuse_indexing()`.execute(db.kysely);
}

async function repairSearchIndex(db: TestDb) {
  if (db.dialect === 'sqlite') await sql`DROP TRIGGER refuse_indexing`.execute(db.kysely);
  else await sql`DROP TRIGGER refuse_indexing ON article_search`.execute(db.kysely);
}

/** Make the job queue's storage refuse the publication job, so the save's transaction fails. */
async function refusePublishJobs(db: TestDb, backend: JobBackend) {
  if (backend === 'embedded' && db.dialect === 'sqlite') {
    await sql`CREATE TRIGGER refuse_publish BEFORE INSERT ON jobs WHEN NEW.job_key LIKE 'publish:%'
      BEGIN SELECT RAISE(ABORT, 'the queue refuses'); END`.execute(db.kysely);
    return;
  }
  const table = backend === 'embedded' ? sql.id('jobs') : sql.id(`${db.schema}_jobs`, '_private_jobs');
  const column = sql.id(backend === 'embedded' ? 'job_key' : 'key');
  await sql`CREATE FUNCTION refuse_publish() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the queue refuses'; END $$`.execute(db.kysely);
  await sql`CREATE TRIGGER refuse_publish BEFORE INSERT ON ${table}
    FOR EACH ROW WHEN (NEW.${column} LIKE 'publish:%') EXECUTE FUNCTION refuse_publish()`.execute(db.kysely);
}

const found = async (db: TestDb, q: string) =>
  (await searchArticles(db, { q, limit: 20, offset: 0 })).hits.map((h) => h.id);

describe.each(jobBackendCases)('what follows an article change, on %s (%s)', (dialect, backend) => {
  let db: TestDb;
  const open: Array<{ close(): Promise<void> }> = [];
  beforeEach(async () => {
    db = await openTestDb(dialect);
  });
  afterEach(async () => {
    for (const p of open.splice(0).reverse()) await p.close();
    await db.destroy();
  });
  const start = async (dataDir = mkdtempSync(join(tmpdir(), 'samizdat-follow-'))) => {
    const p = await openProcess(db, backend, dataDir);
    open.push(p);
    return p;
  };

  it('a follow-up that throws: the save answers 201, the others run, and it is retried', async () => {
    const p = await start();
    await saveCorpus(p.services);
    await p.services.jobs.runUntilIdle?.();
    expect(await p.page('/')).not.toContain(RIVER_STORY.title);
    await breakSearchIndex(db);

    const created = await p.api('/articles', 'POST', { ...RIVER_STORY, status: 'published' });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { article: { id: string } }).article;
    // After commit: the cached home page was dropped, so it lists the new story at once.
    expect(await p.page('/')).toContain(RIVER_STORY.title);

    await p.services.jobs.runUntilIdle?.();
    // Read more ran although indexing failed.
    expect((await p.services.relatedArticleIds(id, 4)).length).toBeGreaterThan(0);
    expect(await found(db, 'fined')).toEqual([]);
    // The indexing job is kept for another attempt, with its reason.
    const pending = await storedJobs(db, backend);
    expect(pending).toEqual([
      expect.objectContaining({
        task: 'search.index-article',
        key: `search:${id}`,
        attempts: 1,
        lastError: expect.stringContaining('the search index refuses'),
      }),
    ]);

    await repairSearchIndex(db);
    await makeJobsDue(db, backend);
    await p.services.jobs.runUntilIdle?.();
    expect(await found(db, 'fined')).toEqual([id]);
    expect(await storedJobs(db, backend)).toEqual([]);
    expect(await p.services.jobs.failed()).toEqual([]);
  }, 60_000);

  it('a reaction after commit that throws never turns a saved change into an error', async () => {
    const p = await start();
    const created = await p.api('/articles', 'POST', { ...RIVER_STORY, status: 'published' });
    const { id, version } = ((await created.json()) as { article: { id: string; version: number } }).article;
    // Telling the other processes fails after the commit (the change feed is unreachable).
    const publish = p.services.changeFeed.publish;
    p.services.changeFeed.publish = () => {
      throw new Error('the change feed is gone');
    };
    const edited = await p.api(`/articles/${id}`, 'PATCH', { title: 'Plant fined again', version });
    expect(edited.status).toBe(200);
    expect(await p.page('/')).toContain('Plant fined again');
    expect(p.logged).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'could not invalidate cached pages after a change',
      }),
    );
    p.services.changeFeed.publish = publish;

    // Dropping cached pages itself failing: media, settings and article changes still succeed.
    p.services.pageCache.invalidate = () => {
      throw new Error('the page cache is gone');
    };
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#234' } })
      .png()
      .toBuffer();
    const photo = await p.services.media.upload({
      bytes,
      filename: 'x.png',
      caption: 'x',
      credit: '',
      alt: 'x',
    });
    expect((await p.api(`/media/${photo.id}`, 'PATCH', { caption: 'A new caption' })).status).toBe(200);
    expect((await p.api('/settings', 'PATCH', { name: 'The River Desk' })).status).toBe(200);
    expect((await p.api(`/articles/${id}/unpublish`, 'POST')).status).toBe(200);
    expect((await p.api(`/media/${photo.id}`, 'DELETE')).status).toBe(204);
    expect(p.logged.filter((l) => l.message.includes('could not invalidate')).length).toBeGreaterThanOrEqual(
      3,
    );
  }, 60_000);

  it('a process killed between the save and its follow-ups loses nothing and does nothing twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'samizdat-follow-'));
    const first = await start(dataDir);
    await saveCorpus(first.services);
    const river = await first.services.articles.create(systemActor, { ...RIVER_STORY, status: 'published' });
    // Saved twice before any worker ran: still one pending job per follow-up.
    await first.services.articles.update(systemActor, river.id, {
      standfirst: `${RIVER_STORY.standfirst} Again.`,
      version: 1,
    });
    const embargoAt = new Date(Date.now() + 1500).toISOString();
    const embargoed = await first.services.articles.create(systemActor, {
      title: 'Embargoed: the river report',
      standfirst: 'Published at dawn.',
      body_html: '<p>Pollution figures for the river, embargoed.</p>',
      status: 'scheduled',
      published_at: embargoAt,
    });
    const stored = await storedJobs(db, backend);
    const keys = stored.map((j) => j.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        `search:${river.id}`,
        `related:${river.id}`,
        `search:${embargoed.id}`,
        `related:${embargoed.id}`,
        `publish:${embargoed.id}`,
      ]),
    );
    expect(stored.find((j) => j.key === `publish:${embargoed.id}`)?.runAt.toISOString()).toBe(embargoAt);
    // The process dies: nothing of the follow-ups ran in it.
    await first.close();
    open.length = 0;
    expect(await found(db, 'fined')).toEqual([]);

    await new Promise((r) => setTimeout(r, Date.parse(embargoAt) - Date.now() + 100));
    const second = await start(dataDir);
    await second.services.jobs.runUntilIdle?.();
    expect(await found(db, 'fined')).toEqual([river.id]);
    expect(await found(db, 'embargoed')).toEqual([embargoed.id]);
    expect((await second.services.articles.get(embargoed.id)).status).toBe('published');
    expect((await second.services.relatedArticleIds(river.id, 4)).length).toBeGreaterThan(0);
    expect(await storedJobs(db, backend)).toEqual([]);
    expect(await second.services.jobs.failed()).toEqual([]);
    // Nothing left to do twice: a second run finds nothing, the article is published once.
    expect(await second.services.articles.publishDue()).toEqual([]);
    expect((await second.services.articles.get(embargoed.id)).version).toBe(2);
  }, 60_000);

  it('a save whose transaction fails leaves neither the article nor any of its jobs', async () => {
    const p = await start();
    await p.services.jobs.runUntilIdle?.(); // graphile-worker creates its tables on first use
    await refusePublishJobs(db, backend);
    const response = await p.api('/articles', 'POST', {
      ...RIVER_STORY,
      status: 'scheduled',
      published_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(response.status).toBe(500);
    expect((await p.services.articles.list({})).total).toBe(0);
    expect(await storedJobs(db, backend)).toEqual([]);

    // The recorder on its own, in a transaction that is rolled back: nothing is enqueued.
    const followUps = createArticleFollowUps({ jobs: p.services.jobs, log: () => {} });
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await followUps.inTransaction(trx, {
          kind: 'saved',
          articleId: 'never-saved',
          slug: 'never-saved',
          wasPublic: false,
          isPublic: true,
          alsoAffects: [],
        });
        throw new Error('the save failed');
      }),
    ).rejects.toThrow('the save failed');
    expect(await storedJobs(db, backend)).toEqual([]);
  }, 60_000);
});
